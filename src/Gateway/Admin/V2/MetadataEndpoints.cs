using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Gateway.Http;
using Gateway.Kafka;
using Gateway.Security;

namespace Gateway.Admin.V2;

/// <summary>
/// kafka-rest v2 metadata: topics, their partitions, and brokers. A caller sees only the topics it may
/// produce to or read; any other answers as an unknown topic does.
/// </summary>
internal static class MetadataEndpoints
{
    public static IEndpointRouteBuilder MapMetadata(this IEndpointRouteBuilder endpoints)
    {
        var topics = endpoints.MapGroup("/topics").WithTags("Metadata");
        topics.MapGet("/", ListTopics).WithName("ListTopics").WithSummary("Names of the cluster's topics")
            .Produces<IReadOnlyList<string>>(200, MediaTypes.KafkaV2Json).ProducesKafkaErrors(406, 503);
        topics.MapGet("/{topic}", GetTopic).WithName("GetTopic").WithSummary("A topic with its configuration and partitions")
            .RequireTopicVisibility("topic", _ => ErrorCatalog.UnknownTopicMetadata())
            .Produces<TopicResponse>(200, MediaTypes.KafkaV2Json).ProducesKafkaErrors(404, 406, 503);
        topics.MapGet("/{topic}/partitions", ListPartitions).WithName("ListPartitions").WithSummary("A topic's partitions")
            .RequireTopicVisibility("topic", _ => ErrorCatalog.UnknownTopicMetadata())
            .Produces<IReadOnlyList<PartitionResponse>>(200, MediaTypes.KafkaV2Json).ProducesKafkaErrors(404, 406, 503);
        topics.MapGet("/{topic}/partitions/{partition:int}", GetPartition).WithName("GetPartition").WithSummary("One partition of a topic")
            .RequireTopicVisibility("topic", _ => ErrorCatalog.UnknownTopicMetadata())
            .Produces<PartitionResponse>(200, MediaTypes.KafkaV2Json).ProducesKafkaErrors(404, 406, 503);
        topics.MapGet("/{topic}/partitions/{partition:int}/offsets", GetPartitionOffsets).WithName("GetPartitionOffsets")
            .WithSummary("The earliest and latest offsets of one partition")
            .Produces<PartitionOffsetsResponse>(200, MediaTypes.KafkaV2Json).ProducesKafkaErrors(404, 406, 503);
        endpoints.MapGet("/brokers", ListBrokers).WithTags("Metadata").WithName("ListBrokers").WithSummary("Ids of the cluster's brokers")
            .Produces<BrokersResponse>(200, MediaTypes.KafkaV2Json).ProducesKafkaErrors(406, 503);
        return endpoints;
    }

    private static async Task<IResult> ListTopics(HttpContext context, ClusterMetadata metadata) =>
        await AnswerAsync(context.Request, async () =>
        {
            var caller = context.Caller();
            IReadOnlyList<string> names = (await metadata.ListTopicsAsync())
                .Where(t => !t.StartsWith(Caller.InternalTopicPrefix, StringComparison.Ordinal) && caller.MaySee(t))
                .ToArray();
            return new KafkaJsonResult<IReadOnlyList<string>>(names, KafkaRestJson.Context.IReadOnlyListString);
        });

    private static async Task<IResult> GetTopic(string topic, HttpRequest request, ClusterMetadata metadata) =>
        await AnswerAsync(request, async () =>
        {
            if (await metadata.FindTopicAsync(topic) is not { } found)
            {
                return UnknownTopic();
            }

            var configs = await DescribeConfigsAsync(metadata, topic);
            return new KafkaJsonResult<TopicResponse>(
                new TopicResponse(found.Name, configs, found.Partitions.Select(ToResponse).ToArray()),
                KafkaRestJson.Context.TopicResponse);
        });

    private static async Task<IResult> ListPartitions(string topic, HttpRequest request, ClusterMetadata metadata) =>
        await AnswerAsync(request, async () => await metadata.FindTopicAsync(topic) is { } found
            ? new KafkaJsonResult<IReadOnlyList<PartitionResponse>>(
                found.Partitions.Select(ToResponse).ToArray(), KafkaRestJson.Context.IReadOnlyListPartitionResponse)
            : UnknownTopic());

    private static async Task<IResult> GetPartition(string topic, int partition, HttpRequest request, ClusterMetadata metadata) =>
        await AnswerAsync(request, async () =>
        {
            if (await metadata.FindTopicAsync(topic) is not { } found)
            {
                return UnknownTopic();
            }

            return found.HasPartition(partition)
                ? new KafkaJsonResult<PartitionResponse>(ToResponse(found.Partitions[partition]), KafkaRestJson.Context.PartitionResponse)
                : new ErrorResult(new GatewayError(404, 40402, "Partition not found."));
        });

    private static async Task<IResult> GetPartitionOffsets(string topic, int partition, HttpRequest request, ClusterMetadata metadata) =>
        await AnswerAsync(request, async () =>
        {
            if (await metadata.FindTopicAsync(topic) is not { } found)
            {
                return UnknownTopic();
            }

            if (!found.HasPartition(partition))
            {
                return new ErrorResult(new GatewayError(404, 40402, "Partition not found."));
            }

            var (beginning, end) = await metadata.ListOffsetsAsync(topic, partition);
            return new KafkaJsonResult<PartitionOffsetsResponse>(new PartitionOffsetsResponse(beginning, end), KafkaRestJson.Context.PartitionOffsetsResponse);
        });

    private static async Task<IResult> ListBrokers(HttpRequest request, ClusterMetadata metadata) =>
        await AnswerAsync(request, async () =>
        {
            var brokers = await metadata.DescribeBrokersAsync();
            return new KafkaJsonResult<BrokersResponse>(new BrokersResponse(brokers), KafkaRestJson.Context.BrokersResponse);
        });

    private static async Task<IResult> AnswerAsync(HttpRequest request, Func<Task<IResult>> answer)
    {
        if (!ContentNegotiation.AcceptsKafkaAnswer(request.Headers.Accept))
        {
            return new ErrorResult(ErrorCatalog.NotAcceptable(request.Headers.Accept));
        }

        try
        {
            return await answer();
        }
        catch (KafkaException e)
        {
            return new ErrorResult(ErrorCatalog.ClusterUnavailable(e.Error.Reason));
        }
    }

    private static ErrorResult UnknownTopic() => new(ErrorCatalog.UnknownTopicMetadata());

    /// <summary>All of a topic's configs; empty when the cluster does not answer DescribeConfigs.</summary>
    private static async Task<IReadOnlyDictionary<string, string?>> DescribeConfigsAsync(ClusterMetadata metadata, string topic)
    {
        try
        {
            var results = await metadata.Admin.DescribeConfigsAsync(
                [new ConfigResource { Type = ResourceType.Topic, Name = topic }],
                new DescribeConfigsOptions { RequestTimeout = TimeSpan.FromSeconds(5) });
            return results.SelectMany(r => r.Entries.Values).ToDictionary(e => e.Name, e => (string?)e.Value, StringComparer.Ordinal);
        }
        catch (KafkaException)
        {
            return new Dictionary<string, string?>();
        }
    }

    private static PartitionResponse ToResponse(PartitionInfo partition) =>
        new(partition.Id, partition.Leader, partition.Replicas
            .Select(broker => new ReplicaResponse(broker, broker == partition.Leader, partition.InSyncReplicas.Contains(broker)))
            .ToArray());
}
