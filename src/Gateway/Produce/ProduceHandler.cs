using Gateway.Errors;
using Gateway.Kafka;
using Gateway.Topics;
using Microsoft.Extensions.Options;

namespace Gateway.Produce;

/// <summary>
/// One produce request from headers to answer: negotiate, read and check the whole body, find the
/// topic, hand every record to Kafka, and answer once Kafka has answered for each.
/// </summary>
internal sealed class ProduceHandler(IRecordProducer producer, TopicCatalog topics, IOptions<ProduceOptions> options)
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

        return new ProduceResult(await producer.ProduceAsync(topic, records));
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
