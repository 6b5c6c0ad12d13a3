using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Gateway.Kafka;

/// <summary>
/// Topic, partition and broker metadata from the cluster, over the producer's own connections. Topics
/// are remembered for <see cref="KafkaOptions.MetadataMaxAgeMs"/> so produce requests rarely ask.
/// </summary>
internal sealed class ClusterMetadata : IDisposable
{
    private readonly IAdminClient _admin;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _maxAge;
    private readonly ConcurrentDictionary<string, (TopicInfo? Topic, DateTimeOffset Expires)> _topics = new(StringComparer.Ordinal);

    public ClusterMetadata(RecordProducer producer, IOptions<KafkaOptions> options, TimeProvider time)
    {
        _admin = new DependentAdminClientBuilder(producer.Handle).Build();
        _time = time;
        _timeout = TimeSpan.FromMilliseconds(options.Value.MetadataTimeoutMs);
        _maxAge = TimeSpan.FromMilliseconds(options.Value.MetadataMaxAgeMs);
    }

    /// <summary>The admin client sharing the producer's connections.</summary>
    public IAdminClient Admin => _admin;

    /// <summary>The topic, or null when the cluster does not have it.</summary>
    /// <exception cref="KafkaException">The cluster did not answer in time.</exception>
    public async Task<TopicInfo?> FindTopicAsync(string topic)
    {
        if (_topics.TryGetValue(topic, out var cached) && cached.Expires > _time.GetUtcNow())
        {
            return cached.Topic;
        }

        var found = await Task.Run(() => Describe(topic)).ConfigureAwait(false);
        // A missing topic is remembered only briefly, so one created elsewhere is soon seen.
        var age = found is null ? TimeSpan.FromMilliseconds(Math.Min(1_000, _maxAge.TotalMilliseconds)) : _maxAge;
        _topics[topic] = (found, _time.GetUtcNow() + age);
        return found;
    }

    public void Forget(string topic) => _topics.TryRemove(topic, out _);

    /// <summary>
    /// How many brokers answer, asked about one topic name only so the answer stays small on a cluster
    /// with thousands of topics (the topic need not exist, and is never created).
    /// </summary>
    /// <exception cref="KafkaException">The cluster did not answer in time.</exception>
    public Task<int> CountBrokersAsync() => Task.Run(() => _admin.GetMetadata("__gateway-readiness", _timeout).Brokers.Count);

    /// <exception cref="KafkaException">The cluster did not answer in time.</exception>
    public Task<Confluent.Kafka.Metadata> DescribeClusterAsync() => Task.Run(() => _admin.GetMetadata(_timeout));

    public void Dispose() => _admin.Dispose();

    private TopicInfo? Describe(string topic)
    {
        var metadata = _admin.GetMetadata(topic, _timeout);
        var described = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
        if (described is null || described.Error.Code == ErrorCode.UnknownTopicOrPart || described.Partitions.Count == 0)
        {
            return null;
        }

        return ToTopicInfo(described);
    }

    public static TopicInfo ToTopicInfo(TopicMetadata topic) =>
        new(topic.Topic, topic.Partitions
            .OrderBy(p => p.PartitionId)
            .Select(p => new PartitionInfo(p.PartitionId, p.Leader, p.Replicas, p.InSyncReplicas))
            .ToArray());
}
