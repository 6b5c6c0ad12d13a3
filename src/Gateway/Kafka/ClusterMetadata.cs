using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Gateway.Kafka.Security;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Gateway.Kafka;

/// <summary>
/// Topic, partition and broker metadata from the cluster, over an admin client of its own (so it outlives
/// any producer) and its asynchronous admin calls. A topic that exists is remembered for
/// <see cref="KafkaOptions.MetadataMaxAgeMs"/> in a bounded cache; one that does not is not remembered
/// at all, and concurrent lookups of one topic share a single request.
/// </summary>
internal sealed class ClusterMetadata : IDisposable
{
    /// <summary>Topics remembered at once; past it the least recently used are forgotten.</summary>
    public const int MaxRememberedTopics = 10_000;

    private readonly IAdminClient _admin;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _maxAge;
    private readonly MemoryCache _topics = new(new MemoryCacheOptions { SizeLimit = MaxRememberedTopics, CompactionPercentage = 0.1 });
    private readonly ConcurrentDictionary<string, Task<TopicInfo?>> _lookups = new(StringComparer.Ordinal);

    public ClusterMetadata(KafkaConnection connection, IOptions<KafkaOptions> options, IServiceProvider services, ILogger<ClusterMetadata> logger)
    {
        var settings = options.Value;
        var builder = new AdminClientBuilder(AdminSettings.Build(settings, connection.BootstrapServers))
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(logger, message));
        if (settings.Security.Mode == KafkaSecurityMode.AwsMskIam)
        {
            builder.SetOAuthBearerTokenRefreshHandler(services.GetRequiredService<MskIamTokenRefresher>().Refresh);
        }

        _admin = builder.Build();
        _timeout = TimeSpan.FromMilliseconds(settings.MetadataTimeoutMs);
        _maxAge = TimeSpan.FromMilliseconds(settings.MetadataMaxAgeMs);
    }

    /// <summary>The gateway's admin client (its own connections, not the producer's).</summary>
    public IAdminClient Admin => _admin;

    /// <summary>Topics remembered right now (only topics that exist).</summary>
    public long RememberedTopics => _topics.Count;

    /// <summary>Topic lookups waiting for the cluster right now.</summary>
    public int LookupsInFlight => _lookups.Count;

    /// <summary>The topic, or null when the cluster does not have it.</summary>
    /// <exception cref="KafkaException">The cluster did not answer in time, or refused to describe the topic.</exception>
    public async Task<TopicInfo?> FindTopicAsync(string topic)
    {
        if (_topics.TryGetValue(topic, out TopicInfo? known))
        {
            return known;
        }

        var mine = new TaskCompletionSource<TopicInfo?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lookup = _lookups.GetOrAdd(topic, mine.Task);
        if (lookup != mine.Task)
        {
            return await lookup.ConfigureAwait(false);
        }

        try
        {
            var found = await DescribeAsync(topic).ConfigureAwait(false);
            if (found is not null)
            {
                _topics.Set(topic, found, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _maxAge });
            }

            mine.SetResult(found);
        }
        catch (Exception e)
        {
            mine.SetException(e);
        }
        finally
        {
            _lookups.TryRemove(new KeyValuePair<string, Task<TopicInfo?>>(topic, mine.Task));
        }

        return await mine.Task.ConfigureAwait(false);
    }

    public void Forget(string topic) => _topics.Remove(topic);

    /// <summary>How many brokers answer.</summary>
    /// <exception cref="KafkaException">The cluster did not answer in time.</exception>
    public async Task<int> CountBrokersAsync() => (await DescribeBrokersAsync().ConfigureAwait(false)).Count;

    /// <summary>The ids of the cluster's brokers.</summary>
    /// <exception cref="KafkaException">The cluster did not answer in time.</exception>
    public async Task<IReadOnlyList<int>> DescribeBrokersAsync()
    {
        var cluster = await _admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = _timeout }).ConfigureAwait(false);
        return cluster.Nodes.Select(n => n.Id).Order().ToArray();
    }

    /// <summary>A partition's earliest and latest offsets (ListOffsets to its leader).</summary>
    /// <exception cref="KafkaException">The cluster did not answer in time.</exception>
    public async Task<(long Beginning, long End)> ListOffsetsAsync(string topic, int partition)
    {
        var at = new TopicPartition(topic, partition);
        var options = new ListOffsetsOptions { RequestTimeout = _timeout };
        var earliest = await _admin.ListOffsetsAsync([new TopicPartitionOffsetSpec { TopicPartition = at, OffsetSpec = OffsetSpec.Earliest() }], options).ConfigureAwait(false);
        var latest = await _admin.ListOffsetsAsync([new TopicPartitionOffsetSpec { TopicPartition = at, OffsetSpec = OffsetSpec.Latest() }], options).ConfigureAwait(false);
        return (earliest.ResultInfos.Single().TopicPartitionOffsetError.Offset.Value, latest.ResultInfos.Single().TopicPartitionOffsetError.Offset.Value);
    }

    /// <summary>Brokers and every topic in one metadata answer.</summary>
    /// <exception cref="KafkaException">The cluster did not answer in time.</exception>
    public Task<Confluent.Kafka.Metadata> DescribeClusterAsync() => Task.Run(() => _admin.GetMetadata(_timeout));

    /// <summary>The names of every topic the cluster has (a metadata request for all topics).</summary>
    /// <exception cref="KafkaException">The cluster did not answer in time.</exception>
    public Task<IReadOnlyList<string>> ListTopicsAsync() => Task.Run<IReadOnlyList<string>>(() => _admin.GetMetadata(_timeout).Topics
        .Where(t => t.Error.Code == ErrorCode.NoError && !t.Topic.StartsWith("__", StringComparison.Ordinal))
        .Select(t => t.Topic).Order(StringComparer.Ordinal).ToArray());

    public void Dispose()
    {
        _admin.Dispose();
        _topics.Dispose();
    }

    private async Task<TopicInfo?> DescribeAsync(string topic)
    {
        TopicDescription described;
        try
        {
            var result = await _admin.DescribeTopicsAsync(
                TopicCollection.OfTopicNames([topic]), new DescribeTopicsOptions { RequestTimeout = _timeout }).ConfigureAwait(false);
            described = result.TopicDescriptions.Single();
        }
        catch (DescribeTopicsException e) when (e.Results.TopicDescriptions.Count == 1)
        {
            described = e.Results.TopicDescriptions[0];
        }

        return described.Error.Code switch
        {
            ErrorCode.NoError when described.Partitions.Count > 0 => ToTopicInfo(described),
            ErrorCode.NoError or ErrorCode.UnknownTopicOrPart => null,
            ErrorCode.TopicAuthorizationFailed => throw new KafkaException(new Error(ErrorCode.TopicAuthorizationFailed, KafkaPermissions.ExplainDescribe(topic))),
            _ => throw new KafkaException(described.Error),
        };
    }

    private static TopicInfo ToTopicInfo(TopicDescription topic) =>
        new(topic.Name, topic.Partitions
            .OrderBy(p => p.Partition)
            .Select(p => new PartitionInfo(p.Partition, p.Leader?.Id ?? -1, p.Replicas.Select(r => r.Id).ToArray(), p.ISR.Select(r => r.Id).ToArray()))
            .ToArray());
}
