using Gateway.Http;
using Gateway.Kafka;
using Gateway.Observability;
using Gateway.Reliability;
using Gateway.Schemas;
using Gateway.Topics;

namespace Gateway.Produce;

/// <summary>
/// From parsed records to Kafka, for every front end: validate against the topic's schema, find the
/// topic and its partitions, take room under admission control, and hand the records over. Anything
/// refused is refused before a single record is queued.
/// </summary>
internal sealed class RecordFlow(
    IRecordProducer producer, TopicCatalog topics, TopicSchemas schemas, DeadLetters deadLetters, Admission admission, GatewayMetrics metrics)
{
    public async Task<FlowStart> StartAsync(ProduceRequest request)
    {
        var check = request.Binding is null ? null : SchemaCheck.Run(request.Binding, SchemaOf(request), request.Format, request.Records, schemas.Options.MaxErrors);
        if (check is { InvalidCount: > 0 })
        {
            metrics.Rejected(request.Topic, "schema", check.InvalidCount);
            foreach (var violation in check.Violations)
            {
                metrics.ValidationFailed(request.Topic, violation.Pointer);
            }

            if (request.Mode == ValidationMode.Atomic)
            {
                return await RejectAsync(request.Topic, check, request.Records);
            }
        }

        var (found, topicError) = await topics.ResolveAsync(request.Topic);
        if (topicError is not null)
        {
            return FlowStart.Refused(topicError);
        }

        if (ApplyPartitions(request.Records, request.PathPartition, found!) is not null)
        {
            // Partitions may have been added since the topic was last described: ask once more.
            (found, topicError) = await topics.ResolveAsync(request.Topic, refresh: true);
            if ((topicError ?? ApplyPartitions(request.Records, request.PathPartition, found!)) is { } partitionError)
            {
                return FlowStart.Refused(partitionError);
            }
        }

        if (check?.Binding.DeadLetterTopic is { } deadLetterTopic && (await topics.ResolveAsync(deadLetterTopic)).Error is { } letterError)
        {
            return FlowStart.Refused(letterError);
        }

        IReadOnlyList<ProduceRecord> records = check is { InvalidCount: > 0 }
            ? request.Records.Where((_, i) => !check.IsInvalid(i)).ToArray()
            : request.Records;
        if (producer.Problem is { } unavailable)
        {
            return FlowStart.Refused(ErrorCatalog.ProducerUnavailable(unavailable));
        }

        var lease = admission.TryAdmit(records.Count, records.Sum(r => (long)(r.Key?.Length ?? 0) + (r.Value?.Length ?? 0)));
        if (lease is null)
        {
            return FlowStart.Refused(ErrorCatalog.Overloaded(admission.InFlightRecords));
        }

        return FlowStart.Accepted(ProduceAsync(request, check, records, lease));
    }

    private async Task<FlowResult> ProduceAsync(ProduceRequest request, SchemaCheck? check, IReadOnlyList<ProduceRecord> records, Admission.Lease lease)
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
                return new FlowResult(delivered, null, null);
            }

            var outcomes = new DeliveryOutcome[request.Records.Count];
            for (int i = 0, j = 0; i < outcomes.Length; i++)
            {
                if (!check.IsInvalid(i))
                {
                    outcomes[i] = delivered[j++];
                }
            }

            return new FlowResult(outcomes, check, letters is null ? null : (await letters).Outcomes);
        }
    }

    /// <summary>Atomic mode: nothing reaches the topic; rejected records go to the dead-letter topic, if any.</summary>
    private async Task<FlowStart> RejectAsync(string topic, SchemaCheck check, List<ProduceRecord> records)
    {
        DeliveryOutcome[]? letters = null;
        if (check.Binding.DeadLetterTopic is not null)
        {
            (letters, var error) = await deadLetters.WriteAsync(topic, check, records);
            if (error is not null)
            {
                return FlowStart.Refused(error);
            }
        }

        return FlowStart.Rejected(check, letters);
    }

    private static ValueSchema SchemaOf(ProduceRequest request) => request.Schema ?? request.Binding!.FileSchema
        ?? throw new InvalidOperationException($"The schema of binding {request.Binding!.Name}'s subject is resolved before its records reach the flow.");

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
}
