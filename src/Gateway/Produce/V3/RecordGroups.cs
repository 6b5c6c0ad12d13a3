using Gateway.Http;
using Gateway.Kafka;
using Gateway.Registry.Formats;
using Gateway.Schemas;
using Gateway.Topics;

namespace Gateway.Produce.V3;

/// <summary>
/// v3 records on the shared record flow: each record is prepared on its own (rate limit, partition,
/// serialization), then consecutive records go to Kafka together as one group, which the flow validates
/// against the topic's schema per record, admits all or none, and produces. Every record gets its own answer.
/// </summary>
internal sealed class RecordGroups(
    RecordFlow flow, RecordSerializers serializers, SubjectBindings subjects, CallerRateLimits limits, TopicCatalog topics, TimeProvider time)
{
    /// <summary>A record ready for Kafka, or its answer when it cannot be produced.</summary>
    public async ValueTask<(PreparedRecord? Record, GatewayError? Error)> PrepareAsync(ProduceTarget target, RecordV3 record)
    {
        if (limits.TryAcquire(target.Caller, record.Size) is { } retryAfterMs)
        {
            return (null, RecordErrorsV3.RateLimited(retryAfterMs));
        }

        if (record.PartitionId is { } partition && (partition < 0 || !await HasPartitionAsync(target, partition)))
        {
            return (null, RecordErrorsV3.PartitionNotFound());
        }

        var key = record.Key is { } k ? await serializers.SerializeAsync(target, k, isKey: true) : default;
        var value = key.Error is null && record.Value is { } v ? await serializers.SerializeAsync(target, v, isKey: false) : default;
        if ((key.Error ?? value.Error) is { } error)
        {
            return (null, error);
        }

        var headers = (record.Headers, target.TraceHeaders) switch
        {
            (null, var trace) => trace,
            (var own, null) => own,
            (var own, var trace) => [.. own, .. trace],
        };
        // As kafka-rest: the client's timestamp, else the gateway's clock when the record arrived (its create time).
        var produced = new ProduceRecord(key.Bytes, value.Bytes, record.PartitionId) { Headers = headers, Timestamp = record.Timestamp ?? time.GetUtcNow() };
        // As kafka-rest: data written under a schema answers with the schema's format, whatever type the request gave.
        var keyType = key.Type?.ToFormatName() ?? record.Key?.Type;
        var valueType = value.Type?.ToFormatName() ?? record.Value?.Type;
        return (new PreparedRecord(produced, keyType, valueType, record.Id) { KeySchema = key, ValueSchema = value }, null);
    }

    /// <summary>
    /// How the group's value is checked against the topic's schema: JSON values (and absent ones) as JSON, BINARY and
    /// STRING as binary; values written under a schema are checked already.
    /// </summary>
    public static EmbeddedFormat FormatOf(PreparedRecord record) => record.ValueType switch
    {
        null or "JSON" => EmbeddedFormat.Json,
        "AVRO" => EmbeddedFormat.Avro,
        "JSONSCHEMA" => EmbeddedFormat.JsonSchema,
        "PROTOBUF" => EmbeddedFormat.Protobuf,
        _ => EmbeddedFormat.Binary,
    };

    /// <summary>
    /// Produces the group and answers each record, in order, once Kafka has answered or (unless
    /// <paramref name="waitForever"/>, for an answer kept under an idempotency key) the deadline has passed.
    /// </summary>
    public async Task<GroupAnswer> ProduceAsync(ProduceTarget target, IReadOnlyList<PreparedRecord> group, bool waitForever)
    {
        var started = time.GetTimestamp();
        var format = FormatOf(group[0]);
        var binding = format.UsesSchemas() ? null : target.Binding;
        ValueSchema? schema = null;
        if (binding is { IsSubjectBound: true } && SchemaCheck.Checks(binding, format))
        {
            // json and binary values of a topic bound to a subject: checked against its JSON Schema, or refused.
            (schema, var schemaError) = await subjects.ValueSchemaAsync(binding, target.Topic);
            if (schemaError is not null)
            {
                var refused = Failure(RecordErrorsV3.OfSchema(schemaError));
                return new([.. group.Select(_ => refused)], Produced: false);
            }
        }

        var request = new ProduceRequest(target.Topic, null, format, ValidationMode.Partial, binding, [.. group.Select(r => r.Record)])
        {
            Schema = schema,
        };
        var start = await flow.StartAsync(request);
        if (start.Refusal is { } refusal)
        {
            var answer = Failure(refusal.Status == 429 ? RecordErrorsV3.NoRoom() : refusal);
            return new([.. group.Select(_ => answer)], Produced: false);
        }

        FlowResult result;
        try
        {
            var left = TimeSpan.FromMilliseconds(target.DeadlineMs) - time.GetElapsedTime(started);
            result = waitForever ? await start.Pending! : await start.Pending!.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
        }
        catch (TimeoutException)
        {
            var unknown = Failure(RecordErrorsV3.OutcomeUnknown(target.DeadlineMs));
            return new([.. group.Select(_ => unknown)], Produced: true);
        }

        var answers = new ProduceV3Response[group.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = result.Check?.IsInvalid(i) == true
                ? Mismatch(target, result.Check, i)
                : Answer(target, group[i], result.Outcomes[i]);
        }

        return new(answers, Produced: true);
    }

    /// <summary>kafka-rest's per-record answer to a failure.</summary>
    public static ProduceV3Response Failure(GatewayError error) =>
        new(error.Code) { Message = error.Message, RetryAfterSeconds = error.RetryAfterSeconds, Errors = Single(error.Violations) };

    /// <summary>A v3 answer is about one record: its violations say record 0.</summary>
    private static SchemaViolation[]? Single(IReadOnlyList<SchemaViolation>? violations) =>
        violations?.Select(v => v with { Record = 0 }).ToArray();

    private static ProduceV3Response Answer(ProduceTarget target, PreparedRecord record, DeliveryOutcome outcome)
    {
        if (outcome.Error is { } error)
        {
            return new ProduceV3Response(RecordErrorCodes.For(error)) { Message = error.Reason };
        }

        return new ProduceV3Response(200)
        {
            ClusterId = target.ClusterId,
            TopicName = target.Topic,
            PartitionId = outcome.Partition,
            Offset = outcome.Offset,
            Timestamp = InstantText.Of(record.Record.Timestamp),
            Key = Data(record.KeyType, record.Record.Key, record.KeySchema),
            Value = Data(record.ValueType, record.Record.Value, record.ValueSchema),
        };
    }

    private static ProduceV3ResponseData? Data(string? type, byte[]? bytes, SerializedData schema) => type is null
        ? null
        : new ProduceV3ResponseData(type, bytes?.Length ?? -1) { Subject = schema.Subject, SchemaId = schema.SchemaId, SchemaVersion = schema.SchemaVersion };

    private static ProduceV3Response Mismatch(ProduceTarget target, SchemaCheck check, int record)
    {
        var violations = check.ViolationsOf(record).Select(v => v with { Record = 0 }).ToArray();
        var first = violations.Length > 0 ? $"'{violations[0].Pointer}': {violations[0].Keyword}: {violations[0].Message}" : "(its violations are past the reported limit)";
        var error = RecordErrorsV3.SchemaMismatch(target.Topic, check.Binding.Name, first);
        return new ProduceV3Response(error.Code) { Message = error.Message, Errors = violations };
    }

    private async ValueTask<bool> HasPartitionAsync(ProduceTarget target, int partition)
    {
        if (target.Described?.HasPartition(partition) == true)
        {
            return true;
        }

        // Partitions may have been added since the topic was described: ask once more.
        var (found, _) = await topics.ResolveAsync(target.Topic, refresh: target.Described is not null);
        target.Described = found ?? target.Described;
        return found?.HasPartition(partition) ?? true;
    }
}

/// <summary>The answers of a group, in order, and whether any record was handed to Kafka.</summary>
internal sealed record GroupAnswer(ProduceV3Response[] Answers, bool Produced);
