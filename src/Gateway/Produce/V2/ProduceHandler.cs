using Gateway.Http;
using Gateway.Kafka;
using Gateway.Observability;
using Gateway.Reliability;
using Gateway.Schemas;
using Gateway.Topics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Produce.V2;

/// <summary>
/// One produce request at the HTTP level: negotiate, read and parse the whole body, honour an
/// <c>Idempotency-Key</c>, and answer within the request's deadline.
/// </summary>
internal sealed class ProduceHandler(
    RecordFlow flow,
    TopicSchemas schemas,
    SchemaProduce schemaProduce,
    SubjectBindings subjects,
    IdempotencyKeys idempotency,
    IOptions<ProduceOptions> options,
    IOptions<ReliabilityOptions> reliability,
    IOptions<ObservabilityOptions> observability,
    TimeProvider time)
{
    public const string DeadlineHeader = "X-Gateway-Deadline-Ms";

    public async Task<Results<ProduceResult, SchemaMismatchResult, ErrorResult>> HandleAsync(HttpRequest request, string topic, int? pathPartition) =>
        await AnswerOfAsync(request, topic, pathPartition) switch
        {
            ProduceResult produced => produced,
            SchemaMismatchResult mismatch => mismatch,
            ErrorResult error => error,
            var other => throw new InvalidOperationException($"A produce answer is never a {other.GetType().Name}."),
        };

    private async Task<IResult> AnswerOfAsync(HttpRequest request, string topic, int? pathPartition)
    {
        if (!ContentNegotiation.AcceptsKafkaAnswer(request.Headers.Accept))
        {
            return new ErrorResult(ErrorCatalog.NotAcceptable(request.Headers.Accept));
        }

        if (ContentNegotiation.TryGetFormat(request.ContentType, out var format) is { } mediaError)
        {
            return new ErrorResult(mediaError);
        }

        if (TopicName.Problem(topic) is { } nameProblem)
        {
            return new ErrorResult(ErrorCatalog.InvalidTopicName(topic, nameProblem));
        }

        var binding = schemas.Find(topic);
        if (binding is null && schemas.Options.UnboundTopics == UnboundTopicPolicy.Reject)
        {
            return new ErrorResult(ErrorCatalog.UnboundTopic(topic));
        }

        if (request.Headers.TryGetValue(IdempotencyKeys.Header, out var keys) && IdempotencyKeys.Problem(keys.ToString()) is { } keyProblem)
        {
            return new ErrorResult(ErrorCatalog.BadIdempotencyKey(keyProblem));
        }

        var (mode, modeError) = ValidationModes.From(request);
        var deadlineError = DeadlineOf(request, out var deadlineMs);
        if ((modeError ?? deadlineError) is { } headerError)
        {
            return new ErrorResult(headerError);
        }

        // The deadline runs from the first byte read: reading, topic lookup and creation count too.
        var started = time.GetTimestamp();
        var records = new List<ProduceRecord>();
        var (body, bodyError) = await RequestBody.ReadAsync(request, options.Value.MaxBodyBytes);
        if (bodyError is not null)
        {
            return new ErrorResult(bodyError);
        }

        byte[]? requestHash;
        SchemaFields schemaFields;
        using (body)
        {
            if (ProduceRequestParser.Parse(body!.Span, format, records, out schemaFields) is { } parseError)
            {
                return new ErrorResult(parseError);
            }

            requestHash = request.Headers.ContainsKey(IdempotencyKeys.Header)
                ? IdempotencyKeys.Fingerprint(topic, pathPartition, format.ToString(), mode.ToString(), body.Span)
                : null;
        }

        if (observability.Value.PropagateTraceHeaders && TraceHeaders.From(request) is { } trace)
        {
            TraceHeaders.Apply(records, trace);
        }

        var (produce, schemaIds, schemaError) = await WithSchemasAsync(request, new ProduceRequest(topic, pathPartition, format, mode, binding, records), schemaFields);
        if (schemaError is not null)
        {
            return new ErrorResult(schemaError);
        }

        var key = request.Headers[IdempotencyKeys.Header].ToString();
        var answer = requestHash is null
            ? StartAsync(produce, schemaIds)
            : AnswerOnceAsync(produce, schemaIds, CallerOf(request)?.Name ?? "", key, requestHash);
        return await WithinDeadlineAsync(answer, started, deadlineMs);
    }

    private async Task<IResult> StartAsync(ProduceRequest produce, SchemaIds schemaIds) => await Answer(produce, schemaIds, await flow.StartAsync(produce));

    /// <summary>The first request with a key produces; retries and concurrent duplicates get its answer.</summary>
    private async Task<IResult> AnswerOnceAsync(ProduceRequest produce, SchemaIds schemaIds, string scope, string key, byte[] requestHash)
    {
        var claim = idempotency.Claim(scope, key, requestHash);
        if (claim.Conflict)
        {
            return new ErrorResult(ErrorCatalog.IdempotencyKeyReused(key));
        }

        if (!claim.IsFirst)
        {
            return await claim.Entry.Answer;
        }

        FlowStart start;
        try
        {
            start = await flow.StartAsync(produce);
        }
        catch (Exception)
        {
            // Nothing was produced: waiting duplicates learn it, and a retry runs afresh.
            claim.Entry.Abandon(new ErrorResult(ErrorCatalog.Unexpected()));
            throw;
        }

        var answer = Answer(produce, schemaIds, start);
        if (start.Pending is null && start.RejectionDeadLetters is null)
        {
            // Refused or rejected before anything reached Kafka: a retry runs afresh.
            claim.Entry.Abandon(answer.Result);
        }
        else
        {
            // Records (or their dead letters) went to Kafka, even when Kafka has already answered: the answer is kept, also past
            // this request's deadline, so a retry learns the real outcome; a failure forgets the key, so it
            // never stays pending.
            _ = answer.ContinueWith(
                done =>
                {
                    if (done.IsCompletedSuccessfully)
                    {
                        claim.Entry.Fulfil(done.Result);
                    }
                    else
                    {
                        claim.Entry.Abandon(new ErrorResult(ErrorCatalog.Unexpected()));
                    }
                },
                TaskScheduler.Default);
        }

        return await answer;
    }

    /// <summary>The v2 answer to how the request left the flow: at once when nothing was produced, else when Kafka has answered.</summary>
    private static Task<IResult> Answer(ProduceRequest request, SchemaIds schemaIds, FlowStart start) => start switch
    {
        { Refusal: { } error } => Task.FromResult<IResult>(new ErrorResult(error)),
        { Rejection: { } check } => Task.FromResult<IResult>(new SchemaMismatchResult(request.Topic, check, request.Records.Count, start.RejectionDeadLetters)),
        _ => start.Pending!.ContinueWith(done => (IResult)new ProduceResult(done.Result, schemaIds.Key, schemaIds.Value), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default),
    };

    /// <summary>
    /// Schema formats: records written under their schemas, nothing left for the binding to check. json and binary on
    /// a topic bound to a subject: a <c>value_schema_id</c> the binding does not allow is refused, and the values are
    /// checked against the subject's schema. Anything else goes on as it came.
    /// </summary>
    private async ValueTask<(ProduceRequest Produce, SchemaIds Ids, GatewayError? Error)> WithSchemasAsync(HttpRequest http, ProduceRequest produce, SchemaFields fields)
    {
        if (produce.Format.UsesSchemas())
        {
            var (keyId, valueId, error) = await schemaProduce.SerializeAsync(produce.Topic, produce.Format, produce.Binding, fields, produce.Records, CallerOf(http));
            return (produce with { Binding = null }, new SchemaIds(keyId, valueId), error);
        }

        if (produce.Binding is not { IsSubjectBound: true } binding || !SchemaCheck.Checks(binding, produce.Format))
        {
            return (produce, default, null);
        }

        if (fields.ValueSchemaId is { } id && await subjects.CheckIdAsync(binding, produce.Topic, id) is { } refused)
        {
            return (produce, default, refused);
        }

        var (schema, schemaError) = await subjects.ValueSchemaAsync(binding, produce.Topic);
        return (produce with { Schema = schema }, default, schemaError);
    }

    /// <summary>The ids of the key and value schemas a request's records were written under, for the answer.</summary>
    private readonly record struct SchemaIds(int? Key, int? Value);

    /// <summary>The answer, or 504 "outcome unknown" once the deadline (on the registered clock) has passed.</summary>
    private async Task<IResult> WithinDeadlineAsync(Task<IResult> pending, long started, int deadlineMs)
    {
        var left = TimeSpan.FromMilliseconds(deadlineMs) - time.GetElapsedTime(started);
        try
        {
            return await pending.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
        }
        catch (TimeoutException)
        {
            return new ErrorResult(ErrorCatalog.OutcomeUnknown(deadlineMs));
        }
    }

    /// <summary>Keys of different callers never meet: each caller has keys of its own.</summary>
    private static Security.Caller? CallerOf(HttpRequest request) =>
        request.HttpContext.Items[Security.ClientSecurityMiddleware.CallerItem] as Security.Caller;

    /// <summary>The configured deadline, or a shorter one the client asks for.</summary>
    private GatewayError? DeadlineOf(HttpRequest request, out int deadlineMs)
    {
        deadlineMs = reliability.Value.RequestDeadlineMs;
        if (request.Headers[DeadlineHeader].FirstOrDefault() is not { } asked)
        {
            return null;
        }

        if (!int.TryParse(asked, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 100 || value > deadlineMs)
        {
            return ErrorCatalog.BadDeadline(asked);
        }

        deadlineMs = value;
        return null;
    }
}
