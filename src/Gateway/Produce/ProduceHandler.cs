using Gateway.Errors;
using Gateway.Kafka;
using Gateway.Schemas;
using Gateway.Topics;
using Microsoft.Extensions.Options;

namespace Gateway.Produce;

/// <summary>
/// One produce request from headers to answer: negotiate, read and check the whole body, validate every
/// record against the topic's schema, find the topic, hand the records to Kafka, and answer once Kafka
/// has answered for each.
/// </summary>
internal sealed class ProduceHandler(
    IRecordProducer producer, TopicCatalog topics, TopicSchemas schemas, DeadLetters deadLetters, IOptions<ProduceOptions> options)
{
    public async Task<IResult> HandleAsync(HttpRequest request, string topic, int? pathPartition)
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

        var (mode, modeError) = ValidationModes.From(request);
        if (modeError is not null)
        {
            return new ErrorResult(modeError);
        }

        var records = new List<ProduceRecord>();
        var (body, bodyError) = await RequestBody.ReadAsync(request, options.Value.MaxBodyBytes);
        if (bodyError is not null)
        {
            return new ErrorResult(bodyError);
        }

        using (body)
        {
            if (ProduceRequestParser.Parse(body!.Span, format, records) is { } parseError)
            {
                return new ErrorResult(parseError);
            }
        }

        var check = binding is null ? null : SchemaCheck.Run(binding, format, records, schemas.Options.MaxErrors);
        if (check is { InvalidCount: > 0 } && mode == ValidationMode.Atomic)
        {
            return await RejectAsync(topic, check, records);
        }

        var (found, topicError) = await topics.ResolveAsync(topic);
        if (topicError is not null)
        {
            return new ErrorResult(topicError);
        }

        if (ApplyPartitions(records, pathPartition, found!) is not null)
        {
            // Partitions may have been added since the topic was last described: ask once more.
            (found, topicError) = await topics.ResolveAsync(topic, refresh: true);
            if ((topicError ?? ApplyPartitions(records, pathPartition, found!)) is { } partitionError)
            {
                return new ErrorResult(partitionError);
            }
        }

        return check is { InvalidCount: > 0 }
            ? await ProduceValidAsync(topic, check, records)
            : new ProduceResult(await producer.ProduceAsync(topic, records));
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

    /// <summary>Partial mode: the valid records are produced, the others answered with their violations.</summary>
    private async Task<IResult> ProduceValidAsync(string topic, SchemaCheck check, List<ProduceRecord> records)
    {
        if (check.Binding.DeadLetterTopic is { } deadLetterTopic && (await topics.ResolveAsync(deadLetterTopic)).Error is { } error)
        {
            return new ErrorResult(error);
        }

        var valid = Enumerable.Range(0, records.Count).Where(i => !check.IsInvalid(i)).ToArray();
        var letters = check.Binding.DeadLetterTopic is null ? null : deadLetters.WriteAsync(topic, check, records);
        var delivered = await producer.ProduceAsync(topic, valid.Select(i => records[i]).ToArray());
        var outcomes = new DeliveryOutcome[records.Count];
        for (var j = 0; j < valid.Length; j++)
        {
            outcomes[valid[j]] = delivered[j];
        }

        return new ProduceResult(outcomes, check, letters is null ? null : (await letters).Outcomes);
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
}
