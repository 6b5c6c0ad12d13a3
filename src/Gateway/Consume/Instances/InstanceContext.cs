using Confluent.Kafka;
using Gateway.Consume.Decoding;
using Gateway.Http;
using Gateway.Kafka;
using Gateway.Observability;
using Microsoft.Extensions.Options;

namespace Gateway.Consume.Instances;

/// <summary>What every consumer instance shares: how to make its client, decode, measure, list topics and log.</summary>
internal sealed partial class InstanceContext(
    ConsumerClients clients,
    RecordDecoders decoders,
    ConsumerMetrics metrics,
    ClusterMetadata metadata,
    TimeProvider time,
    IOptions<ConsumeOptions> options,
    IOptions<KafkaOptions> kafka,
    ILogger<ConsumerInstance> logger)
{
    public ConsumerClients Clients => clients;

    public RecordDecoders Decoders => decoders;

    public TimeProvider Time => time;

    public ConsumeOptions Options => options.Value;

    public TimeSpan KafkaTimeout { get; } = TimeSpan.FromMilliseconds(kafka.Value.MetadataTimeoutMs);

    public TimeSpan PatternRefresh { get; } = TimeSpan.FromMilliseconds(options.Value.PatternRefreshMs);

    /// <summary>The cluster's topics a pattern may cover: not internal ones, not the instance directory.</summary>
    /// <exception cref="KafkaException">The cluster did not answer in time.</exception>
    public IEnumerable<string> ListTopics() =>
        metadata.DescribeClusterAsync().GetAwaiter().GetResult().Topics
            .Where(t => t.Error.Code == ErrorCode.NoError && !t.Topic.StartsWith("__", StringComparison.Ordinal) && t.Topic != options.Value.DirectoryTopic)
            .Select(t => t.Topic);

    public void Measure(InstanceSettings instance, IReadOnlyList<ConsumedRecord> records, bool failed, long lag)
    {
        ConsumerMetrics.Read(records.Count, failed);
        foreach (var topic in records.GroupBy(r => r.Topic, StringComparer.Ordinal))
        {
            metrics.Consumed(topic.Key, topic.Count());
        }

        ConsumerMetrics.InstanceLag(instance.Group, instance.Name, lag);
    }

    public void LogFailed(string group, string instance, string reason) => LogInstanceProblem(logger, group, instance, reason);

    [LoggerMessage(LogLevel.Warning, "Consumer instance {Group}/{Instance}: {Reason}")]
    private static partial void LogInstanceProblem(ILogger logger, string group, string instance, string reason);
}
