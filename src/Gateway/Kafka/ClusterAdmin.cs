using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Options;

namespace Gateway.Kafka;

/// <summary>
/// Read-only admin queries for the v3 admin view, over the producer's connections. Each asks the cluster
/// with the real admin API first; where the cluster does not serve that API (the embedded cluster and the
/// out-of-process mock serve no DescribeCluster, DescribeConfigs, ListGroups or DescribeGroups), it answers
/// from what the gateway can know and says what is missing in <see cref="Partial{T}.Unavailable"/>.
/// </summary>
internal sealed class ClusterAdmin(
    ClusterMetadata metadata, RecordProducer producer, KafkaConnection connection, IConsumerGroupDirectory directory, IOptions<KafkaOptions> options)
{
    /// <summary>librdkafka's mock cluster names itself so (<c>mockCluster</c> and hex), in process or out of it.</summary>
    private const string MockClusterPrefix = "mockCluster";

    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.Value.MetadataTimeoutMs);
    private readonly ConcurrentDictionary<string, string> _unsupported = new(StringComparer.Ordinal);
    private volatile bool _mockSeen;

    /// <summary>
    /// The mock cluster serves no admin request, and a ListGroups or DescribeGroups sent to it crashes the
    /// client process (seen with librdkafka 2.16.0), so none is ever sent to it.
    /// </summary>
    private bool IsMock => connection.Embedded is not null || _mockSeen;

    private IAdminClient Client => metadata.Admin;

    /// <summary>The cluster's id, controller and brokers, with the topic metadata of the same answer.</summary>
    /// <exception cref="KafkaException">The cluster did not answer metadata in time.</exception>
    public async Task<ClusterView> DescribeClusterAsync()
    {
        var all = await metadata.DescribeClusterAsync();
        var id = await Task.Run(() => NativeClusterInfo.ClusterId(producer.Handle, _timeout))
            ?? throw new KafkaException(new Error(ErrorCode.Local_TimedOut, "the cluster did not say its id"));
        _mockSeen |= id.StartsWith(MockClusterPrefix, StringComparison.Ordinal);
        var controller = await Task.Run(() => NativeClusterInfo.ControllerId(producer.Handle, _timeout));
        if (all.Brokers.All(b => b.BrokerId != controller))
        {
            // The embedded cluster names controller 0, which is none of its brokers.
            controller = -1;
        }
        // Racks are only in DescribeCluster; a cluster without a controller (the embedded one) cannot answer it.
        var described = controller < 0
            ? new Partial<DescribeClusterResult?>(null, "the cluster names no controller")
            : await TryAsync("DescribeCluster", () => Client.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = _timeout }));
        if (described.Value is { } cluster)
        {
            var brokers = cluster.Nodes.Select(n => new BrokerView(n.Id, n.Host, n.Port, n.Rack)).OrderBy(b => b.Id).ToArray();
            return new ClusterView(cluster.ClusterId ?? id, cluster.Controller?.Id ?? controller, brokers, all, null);
        }

        return new ClusterView(id, controller, all.Brokers.Select(b => new BrokerView(b.BrokerId, b.Host, b.Port, null)).OrderBy(b => b.Id).ToArray(),
            all, $"broker racks ({described.Unavailable})");
    }

    /// <summary>Every config of a topic or broker, or why the cluster gave none.</summary>
    public async Task<Partial<IReadOnlyList<ConfigView>>> DescribeConfigsAsync(ResourceType type, string name)
    {
        var answer = await TryAsync("DescribeConfigs", () => Client.DescribeConfigsAsync(
            [new ConfigResource { Type = type, Name = name }], new DescribeConfigsOptions { RequestTimeout = _timeout }));
        if (answer.Value is not { } results)
        {
            return new([], $"configs ({answer.Unavailable})");
        }

        IReadOnlyList<ConfigView> configs = results.SelectMany(r => r.Entries.Values)
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new ConfigView(e.Name, e.IsSensitive ? null : e.Value, e.IsDefault, e.IsReadOnly, e.IsSensitive, SourceName(e.Source),
                (e.Synonyms ?? []).Select(s => new ConfigSynonymView(s.Name, e.IsSensitive ? null : s.Value, SourceName(s.Source))).ToArray()))
            .ToArray();
        return new(configs, null);
    }

    /// <summary>The earliest and latest offsets of a partition (ListOffsets, read-uncommitted as kafka-rest).</summary>
    /// <exception cref="KafkaException">The cluster did not answer.</exception>
    public async Task<(long Earliest, long Latest)> PartitionOffsetsAsync(string topic, int partition)
    {
        var tp = new TopicPartition(topic, partition);
        var earliest = await Client.ListOffsetsAsync([new TopicPartitionOffsetSpec { TopicPartition = tp, OffsetSpec = OffsetSpec.Earliest() }],
            new ListOffsetsOptions { RequestTimeout = _timeout });
        var latest = await Client.ListOffsetsAsync([new TopicPartitionOffsetSpec { TopicPartition = tp, OffsetSpec = OffsetSpec.Latest() }],
            new ListOffsetsOptions { RequestTimeout = _timeout });
        return (earliest.ResultInfos[0].TopicPartitionOffsetError.Offset.Value, latest.ResultInfos[0].TopicPartitionOffsetError.Offset.Value);
    }

    /// <summary>The latest offset of each partition as a read-committed consumer sees it (kafka-rest's lag end).</summary>
    /// <exception cref="KafkaException">The cluster did not answer.</exception>
    public async Task<IReadOnlyDictionary<TopicPartition, long>> CommittedEndsAsync(IReadOnlyCollection<TopicPartition> partitions)
    {
        if (partitions.Count == 0)
        {
            return new Dictionary<TopicPartition, long>();
        }

        var result = await Client.ListOffsetsAsync(
            partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = OffsetSpec.Latest() }),
            new ListOffsetsOptions { RequestTimeout = _timeout, IsolationLevel = IsolationLevel.ReadCommitted });
        return result.ResultInfos.Where(r => !r.TopicPartitionOffsetError.Error.IsError)
            .ToDictionary(r => r.TopicPartitionOffsetError.TopicPartition, r => r.TopicPartitionOffsetError.Offset.Value);
    }

    /// <summary>A group's committed offsets (OffsetFetch); empty when it has none.</summary>
    /// <exception cref="KafkaException">The cluster did not answer.</exception>
    public async Task<IReadOnlyDictionary<TopicPartition, long>> CommittedOffsetsAsync(string groupId)
    {
        // The mock cluster answers an OffsetFetch for "all partitions" with none, so it is asked about each one by name.
        var partitions = IsMock
            ? (await metadata.DescribeClusterAsync()).Topics.Where(t => !t.Error.IsError)
                .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId))).ToList()
            : null;
        if (partitions is { Count: 0 })
        {
            return new Dictionary<TopicPartition, long>();
        }

        var results = await Client.ListConsumerGroupOffsetsAsync(
            [new ConsumerGroupTopicPartitions(groupId, partitions)], new ListConsumerGroupOffsetsOptions { RequestTimeout = _timeout });
        return results.SelectMany(r => r.Partitions)
            .Where(p => !p.Error.IsError && p.Offset.Value >= 0)
            .ToDictionary(p => p.TopicPartition, p => p.Offset.Value);
    }

    /// <summary>Every consumer group: the cluster's (ListGroups, DescribeGroups) or, where it serves neither, this gateway's own.</summary>
    public async Task<Partial<IReadOnlyList<GroupView>>> ListGroupsAsync()
    {
        var listed = await TryAsync("ListGroups", () => Client.ListConsumerGroupsAsync(new ListConsumerGroupsOptions { RequestTimeout = _timeout }));
        if (listed.Value is not { } groups)
        {
            return new(directory.Groups().OrderBy(g => g.GroupId, StringComparer.Ordinal).Select(Known).ToArray(), GroupsUnavailable(listed.Unavailable));
        }

        var ids = groups.Valid.Select(g => g.GroupId).Order(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return new([], null);
        }

        var described = await Client.DescribeConsumerGroupsAsync(ids, new DescribeConsumerGroupsOptions { RequestTimeout = _timeout });
        return new(described.ConsumerGroupDescriptions.Select(Described).OrderBy(g => g.GroupId, StringComparer.Ordinal).ToArray(), null);
    }

    /// <summary>One group, or null when the cluster (or, on a cluster without DescribeGroups, the gateway) does not know it.</summary>
    public async Task<Partial<GroupView?>> DescribeGroupAsync(string groupId)
    {
        var described = await TryAsync("DescribeGroups", () => Client.DescribeConsumerGroupsAsync(
            [groupId], new DescribeConsumerGroupsOptions { RequestTimeout = _timeout }));
        if (described.Value is { } result)
        {
            var group = result.ConsumerGroupDescriptions.FirstOrDefault(g => g.GroupId == groupId);
            // A group the coordinator has never heard of is described as Dead with no members.
            return new(group is null || group.Error.IsError || group.State == ConsumerGroupState.Dead ? null : Described(group), null);
        }

        var unavailable = GroupsUnavailable(described.Unavailable);
        if (directory.Groups().FirstOrDefault(g => g.GroupId == groupId) is { } known)
        {
            return new(Known(known), unavailable);
        }

        // Not one of ours, but a group with committed offsets exists as far as OffsetFetch can tell.
        var committed = await CommittedOffsetsAsync(groupId);
        return new(committed.Count > 0 ? new GroupView(groupId, false, "", "UNKNOWN", "UNKNOWN", false, -1, []) : null, unavailable);
    }

    private static string GroupsUnavailable(string? reason) =>
        $"consumer group state, assignor, type and coordinator, and groups of other clients ({reason}; groups come from this gateway's own consumers and committed offsets)";

    private static GroupView Known(KnownConsumerGroup group) =>
        new(group.GroupId, false, "", group.Members.Count > 0 ? "STABLE" : "EMPTY", "CLASSIC", false, -1, group.Members);

    private static GroupView Described(ConsumerGroupDescription group) =>
        new(group.GroupId, group.IsSimpleConsumerGroup, group.PartitionAssignor ?? "", StateName(group.State), "CLASSIC", false,
            group.Coordinator?.Id ?? -1,
            group.Members.Select(m => new KnownConsumer(m.ConsumerId, m.GroupInstanceId ?? "", m.ClientId, m.Assignment?.TopicPartitions ?? [])).ToArray());

    private static string StateName(ConsumerGroupState state) => state switch
    {
        ConsumerGroupState.PreparingRebalance => "PREPARING_REBALANCE",
        ConsumerGroupState.CompletingRebalance => "COMPLETING_REBALANCE",
        ConsumerGroupState.Stable => "STABLE",
        ConsumerGroupState.Dead => "DEAD",
        ConsumerGroupState.Empty => "EMPTY",
        _ => "UNKNOWN",
    };

    private static string SourceName(ConfigSource source) => source switch
    {
        ConfigSource.DynamicTopicConfig => "DYNAMIC_TOPIC_CONFIG",
        ConfigSource.DynamicBrokerConfig => "DYNAMIC_BROKER_CONFIG",
        ConfigSource.DynamicDefaultBrokerConfig => "DYNAMIC_DEFAULT_BROKER_CONFIG",
        ConfigSource.StaticBrokerConfig => "STATIC_BROKER_CONFIG",
        ConfigSource.DefaultConfig => "DEFAULT_CONFIG",
        _ => "UNKNOWN",
    };

    /// <summary>
    /// Runs an admin request; a cluster that does not serve it is remembered, so later requests do not ask
    /// again, and the answer says why there is no value.
    /// </summary>
    private async Task<Partial<T?>> TryAsync<T>(string api, Func<Task<T>> request)
        where T : class
    {
        if (IsMock)
        {
            return new(null, $"the embedded cluster serves no {api}");
        }

        if (_unsupported.TryGetValue(api, out var known))
        {
            return new(null, known);
        }

        try
        {
            return new(await request(), null);
        }
        catch (KafkaException e) when (IsUnsupported(e.Error))
        {
            var reason = $"the cluster does not serve {api} ({e.Error.Reason})";
            _unsupported[api] = reason;
            return new(null, reason);
        }
    }

    private static bool IsUnsupported(Error error) =>
        error.Code is ErrorCode.Local_UnsupportedFeature or ErrorCode.UnsupportedVersion or ErrorCode.InvalidRequest
        || error.Reason.Contains("not supported by broker", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A value and, when the cluster could not give all of it, what is missing and why.</summary>
internal sealed record Partial<T>(T Value, string? Unavailable);

/// <summary>The cluster as the admin view shows it; <see cref="Unavailable"/> names what the cluster would not say.</summary>
internal sealed record ClusterView(string ClusterId, int ControllerId, IReadOnlyList<BrokerView> Brokers, Metadata Metadata, string? Unavailable);

internal sealed record BrokerView(int Id, string Host, int Port, string? Rack);

internal sealed record ConfigView(string Name, string? Value, bool IsDefault, bool IsReadOnly, bool IsSensitive, string Source, IReadOnlyList<ConfigSynonymView> Synonyms);

internal sealed record ConfigSynonymView(string Name, string? Value, string Source);

/// <summary>A consumer group; coordinator -1 when it is not known.</summary>
internal sealed record GroupView(
    string GroupId, bool IsSimple, string PartitionAssignor, string State, string Type, bool IsMixed, int CoordinatorId, IReadOnlyList<KnownConsumer> Members);
