using Gateway.Consume.Instances;
using Gateway.Kafka;

namespace Gateway.Consume;

/// <summary>The groups of this gateway's own consumer instances: each member's id, name, client id and partitions.</summary>
internal sealed class LocalConsumerGroups(ConsumerInstances instances) : IConsumerGroupDirectory
{
    public IReadOnlyList<KnownConsumerGroup> Groups() =>
        [.. instances.All
            .GroupBy(i => i.Settings.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KnownConsumerGroup(g.Key, [.. g.Select(i => i.Snapshot).OrderBy(m => m.InstanceId, StringComparer.Ordinal)]))];
}
