namespace Gateway.Kafka;

/// <summary>A topic as the cluster describes it.</summary>
internal sealed record TopicInfo(string Name, IReadOnlyList<PartitionInfo> Partitions)
{
    public bool HasPartition(int partition) => partition >= 0 && partition < Partitions.Count;
}

/// <summary>One partition: its leader (-1 when it has none), its replicas and those in sync.</summary>
internal sealed record PartitionInfo(int Id, int Leader, int[] Replicas, int[] InSyncReplicas);
