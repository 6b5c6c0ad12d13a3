namespace Gateway.Http;

/// <summary>kafka-rest v2 <c>GET /topics/{topic}</c>.</summary>
internal sealed record TopicResponse(string Name, IReadOnlyDictionary<string, string?> Configs, IReadOnlyList<PartitionResponse> Partitions);

/// <summary>kafka-rest v2 partition: leader -1 when it has none.</summary>
internal sealed record PartitionResponse(int Partition, int Leader, IReadOnlyList<ReplicaResponse> Replicas);

/// <summary>One replica of a partition.</summary>
internal sealed record ReplicaResponse(int Broker, bool Leader, bool InSync);

/// <summary>kafka-rest v2 <c>GET /topics/{topic}/partitions/{partition}/offsets</c>: earliest and latest offsets.</summary>
internal sealed record PartitionOffsetsResponse(long? BeginningOffset, long? EndOffset);

/// <summary>kafka-rest v2 <c>GET /brokers</c>.</summary>
internal sealed record BrokersResponse(IReadOnlyList<int> Brokers);
