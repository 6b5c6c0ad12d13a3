using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Http;
using Gateway.Observability;
using Gateway.Reliability;
using Gateway.Security;
using Microsoft.Extensions.Options;

namespace Gateway.Produce.V3;

/// <summary>
/// The two v3 produce endpoints at the HTTP level: whole-request checks, the streamed body, the batch
/// body, and <c>Idempotency-Key</c> for a batch or a request that carries one record.
/// </summary>
internal sealed class ProduceV3Handler(
    RequestChecksV3 checks,
    StreamedProduce streamed,
    BatchProduce batch,
    RecordGroups groups,
    IdempotencyKeys idempotency,
    IOptions<ProduceV3Options> options,
    IOptions<ObservabilityOptions> observability,
    GatewayMetrics metrics)
{
    public async Task ProduceRecordsAsync(HttpContext context, string clusterId, string topic)
    {
        if (Prepare(context, clusterId, topic, out var target, out var latin1) is { } refused)
        {
            await ErrorResult.WriteAsync(context.Response, refused, MediaTypes.Json);
            return;
        }

        if (context.Request.Headers.ContainsKey(IdempotencyKeys.Header))
        {
            await (await ProduceOneOnceAsync(context, target!, latin1)).ExecuteAsync(context);
            return;
        }

        await streamed.HandleAsync(context, target!, latin1);
    }

    public async Task<IResult> ProduceBatchAsync(HttpContext context, string clusterId, string topic)
    {
        if (Prepare(context, clusterId, topic, out var target, out var latin1) is { } refused)
        {
            return new ErrorResult(refused, MediaTypes.Json);
        }

        var (body, bodyError) = await RequestBody.ReadAsync(context.Request, options.Value.MaxBatchBytes);
        if (bodyError is not null)
        {
            return new ErrorResult(bodyError, MediaTypes.Json);
        }

        List<RecordV3> entries;
        byte[]? hash;
        using (body)
        {
            var text = latin1 is null ? body!.Span : Encoding.UTF8.GetBytes(latin1.GetString(body!.Span));
            if (BatchParser.Parse(text, options.Value.BatchMaxEntries, out entries) is { } parseError)
            {
                return new ErrorResult(parseError, MediaTypes.Json);
            }

            hash = context.Request.Headers.ContainsKey(IdempotencyKeys.Header) ? SHA256.HashData(body.Span) : null;
        }

        if (hash is null)
        {
            return Batch207((await batch.ProduceAsync(target!, entries, waitForever: false)).Answer);
        }

        return await OnceAsync(context, target!, hash, async () =>
        {
            var (answer, produced) = await batch.ProduceAsync(target!, entries, waitForever: true);
            return (new SizedAnswer(Batch207(answer), ApproximateBytes(answer)), produced);
        });
    }

    private GatewayError? Prepare(HttpContext context, string clusterId, string topic, out ProduceTarget? target, out Encoding? latin1)
    {
        target = null;
        if (checks.Check(context.Request, topic, out var binding, out var deadlineMs, out latin1) is { } error)
        {
            return error;
        }

        target = new ProduceTarget(clusterId, topic, binding, context.Items[ClientSecurityMiddleware.CallerItem] as Caller, deadlineMs)
        {
            TraceHeaders = observability.Value.PropagateTraceHeaders ? TraceHeaders.From(context.Request) : null,
        };
        return null;
    }

    /// <summary>A streamed request with an <c>Idempotency-Key</c>: read whole, exactly one record, answered once per key.</summary>
    private async Task<IResult> ProduceOneOnceAsync(HttpContext context, ProduceTarget target, Encoding? latin1)
    {
        var (body, bodyError) = await RequestBody.ReadAsync(context.Request, options.Value.MaxRecordBytes);
        if (bodyError is not null)
        {
            return new ErrorResult(bodyError, MediaTypes.Json);
        }

        RecordV3? record;
        GatewayError? recordError;
        byte[] hash;
        using (body)
        {
            if (body!.Span.TrimStart(" \t\r\n"u8).IsEmpty)
            {
                return new ErrorResult(RequestChecksV3.EmptyBody(), MediaTypes.Json);
            }

            var sequence = new ReadOnlySequence<byte>(body.Span.ToArray());
            var framer = new RecordFramer(options.Value.MaxRecordBytes);
            var kind = framer.Next(ref sequence, completed: true, out var frame);
            if (framer.Next(ref sequence, completed: true, out _) != FrameKind.NeedMore)
            {
                return new ErrorResult(new GatewayError(400, 400,
                    "Idempotency-Key applies to a request that carries one record; this one carries more. Use records:batch for several."), MediaTypes.Json);
            }

            recordError = Frames.ToRecord(kind, frame, latin1, options.Value.MaxRecordBytes, out record);
            hash = SHA256.HashData(body.Span);
        }

        return await OnceAsync(context, target, hash, async () =>
        {
            var (prepared, error) = recordError is null ? await groups.PrepareAsync(target, record!) : (null, recordError);
            if (prepared is null)
            {
                return (new StreamAnswerResult(RecordGroups.Failure(error!), metrics), false);
            }

            var group = await groups.ProduceAsync(target, [prepared], waitForever: true);
            return (new StreamAnswerResult(group.Answers[0], metrics), group.Produced);
        });
    }

    /// <summary>The first request with a key produces; retries and concurrent duplicates get its answer, even past this request's deadline.</summary>
    private async Task<IResult> OnceAsync(HttpContext context, ProduceTarget target, byte[] hash, Func<Task<(IResult Answer, bool Produced)>> produce)
    {
        var key = context.Request.Headers[IdempotencyKeys.Header].ToString();
        var scope = $"v3\n{target.Caller}\n{target.Topic}\n{context.Request.Path.Value}";
        var claim = idempotency.Claim(scope, key, hash);
        if (claim.Conflict)
        {
            return new ErrorResult(ErrorCatalog.IdempotencyKeyReused(key), MediaTypes.Json);
        }

        Task<IResult> answer;
        if (claim.IsFirst)
        {
            var running = produce();
            answer = running.ContinueWith(done => done.Result.Answer, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            _ = running.ContinueWith(done =>
            {
                if (!done.IsCompletedSuccessfully)
                {
                    claim.Entry.Abandon(new ErrorResult(ErrorCatalog.Unexpected(), MediaTypes.Json));
                }
                else if (done.Result.Produced)
                {
                    claim.Entry.Fulfil(done.Result.Answer);
                }
                else
                {
                    claim.Entry.Abandon(done.Result.Answer);
                }
            }, TaskScheduler.Default);
        }
        else
        {
            answer = claim.Entry.Answer;
        }

        try
        {
            return await answer.WaitAsync(TimeSpan.FromMilliseconds(target.DeadlineMs));
        }
        catch (TimeoutException)
        {
            return new ErrorResult(ErrorCatalog.OutcomeUnknown(target.DeadlineMs), MediaTypes.Json);
        }
    }

    /// <summary>What a batch answer holds while it is remembered for retries.</summary>
    private static long ApproximateBytes(ProduceV3BatchResponse answer) =>
        512L * answer.Successes.Count
        + answer.Failures.Sum(f => 512L + 2L * f.Message.Length + (f.Errors?.Sum(e => e.ApproximateBytes) ?? 0));

    private static KafkaJsonResult<ProduceV3BatchResponse> Batch207(ProduceV3BatchResponse answer) =>
        new(answer, KafkaRestJson.Context.ProduceV3BatchResponse, StatusCodes.Status207MultiStatus, MediaTypes.Json);

    /// <summary>The streamed answer of a one-record request: 200 and that record's answer line.</summary>
    private sealed class StreamAnswerResult(ProduceV3Response answer, GatewayMetrics metrics) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            metrics.V3Answered("stream", answer.ErrorCode);
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = MediaTypes.Json;
            await JsonSerializer.SerializeAsync(httpContext.Response.Body, answer, KafkaRestJson.Context.ProduceV3Response, httpContext.RequestAborted);
            await httpContext.Response.Body.WriteAsync("\r\n"u8.ToArray(), httpContext.RequestAborted);
        }
    }
}
