using Gateway.Errors;
using Gateway.Kafka;
using Gateway.Observability;
using Gateway.Reliability;
using Gateway.Schemas;
using Gateway.Topics;

namespace Gateway.Produce;

/// <summary>
/// From parsed records to Kafka: validate against the topic's schema, find the topic and its partitions,
/// take room under admission control, and hand the records over. Anything refused is refused before a
/// single record is queued.
/// </summary>
internal sealed class RecordFlow(
    IRecordProducer producer, TopicCatalog topics, TopicSchemas schemas, DeadLetters deadLetters, Admission admission, GatewayMetrics metrics)
{
    /// <summary>An answer now (nothing was produced), or the answer Kafka's acknowledgements will give.</summary>
    internal readonly record struct Started(IResult? Answer, Task<IResult>? Pending);

    public async Task<Started> StartAsync(ProduceRequest request)
    {
        var check = request.Binding is null ? null : SchemaCheck.Run(request.Binding, request.Format, request.Records, schemas.Options.MaxErrors);
        if (check is { InvalidCount: > 0 })
        {
            metrics.Rejected(request.Topic, "schema", check.InvalidCount);
            foreach (var violation in check.Violations)
            {
                metrics.ValidationFailed(request.Topic, violation.Pointer);
            }
        }
        if (check is { InvalidCount: > 0 } && request.Mode == ValidationMode.Atomic)
        {
            return new(await RejectAsync(request.Topic, check, request.Records), null);
        }

        var (found, topicError) = await topics.ResolveAsync(request.Topic);
        if (topicError is not null)
        {
            return Refused(topicError);
        }

        if (ApplyPartitions(request.Records, request.PathPartition, found!) is not null)
        {
            // Partitions may have been added since the topic was last described: ask once more.
            (found, topicError) = await topics.ResolveAsync(request.Topic, refresh: true);
            if ((topicError ?? ApplyPartitions(request.Records, request.PathPartition, found!)) is { } partitionError)
            {
                return Refused(partitionError);
            }
        }

        if (check?.Binding.DeadLetterTopic is { } deadLetterTopic && (await topics.ResolveAsync(deadLetterTopic)).Error is { } letterError)
        {
            return Refused(letterError);
        }

        IReadOnlyList<ProduceRecord> records = check is { InvalidCount: > 0 }
            ? request.Records.Where((_, i) => !check.IsInvalid(i)).ToArray()
            : request.Records;
        var lease = admission.TryAdmit(records.Count, records.Sum(r => (long)(r.Key?.Length ?? 0) + (r.Value?.Length ?? 0)));
        if (lease is null)
        {
            return Refused(ErrorCatalog.Overloaded(admission.InFlightRecords));
        }

        return new(null, ProduceAsync(request, check, records, lease));
    }

    private async Task<IResult> ProduceAsync(ProduceRequest request, SchemaCheck? check, IReadOnlyList<ProduceRecord> records, Admission.Lease lease)
    {
        using (lease)
        {
            var letters = check is { InvalidCount: > 0 } && check.Binding.DeadLetterTopic is not null
                ? deadLetters.WriteAsync(request.Topic, check, request.Records)
                : null;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var delivered = await producer.ProduceAsync(request.Topic, records);
            GatewayMetrics.ProduceTook(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            var failed = delivered.Count(d => !d.Delivered);
            metrics.Produced(request.Topic, delivered.Length - failed);
            if (failed > 0)
            {
                metrics.Rejected(request.Topic, "kafka", failed);
            }

            if (check is not { InvalidCount: > 0 })
            {
                return new ProduceResult(delivered);
            }

            var outcomes = new DeliveryOutcome[request.Records.Count];
            for (int i = 0, j = 0; i < outcomes.Length; i++)
            {
                if (!check.IsInvalid(i))
                {
                    outcomes[i] = delivered[j++];
                }
            }

            return new ProduceResult(outcomes, check, letters is null ? null : (await letters).Outcomes);
        }
    }

    /// <summary>Atomic mode: nothing reaches the topic; rejected records go to the dead-letter topic, if any.</summary>
    private async Task<IResult> RejectAsync(string topic, SchemaCheck check, List<ProduceRecord> records)
    {
        DeliveryOutcome[]? letters = null;
        if (check.Binding.DeadLetterTopic is not null)
        {
            (letters, var error) = await deadLetters.WriteAsync(topic, check, records);
            if (error is not null)
            {
                return new ErrorResult(error);
            }
        }

        return new SchemaMismatchResult(topic, check, records.Count, letters);
    }

    /// <summary>A record's own partition wins over the path's, as in kafka-rest; every one must exist.</summary>
    private static GatewayError? ApplyPartitions(List<ProduceRecord> records, int? pathPartition, TopicInfo topic)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var partition = records[i].Partition ?? pathPartition;
            if (partition is { } p && !topic.HasPartition(p))
            {
                return ErrorCatalog.PartitionNotFound(topic.Name, p);
            }

            records[i] = records[i] with { Partition = partition };
        }

        return null;
    }

    private static Started Refused(GatewayError error) => new(new ErrorResult(error), null);
}

/// <summary>A parsed produce request: where it goes, in which format, how to validate, and its records.</summary>
internal sealed record ProduceRequest(
    string Topic, int? PathPartition, EmbeddedFormat Format, ValidationMode Mode, SchemaBinding? Binding, List<ProduceRecord> Records);
