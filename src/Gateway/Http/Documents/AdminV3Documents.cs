using System.Text.Json.Serialization;

namespace Gateway.Http;

// kafka-rest v3 admin entities, in the field order of its OpenAPI document (api/v3/openapi.yaml,
// components.schemas). Absent optional fields are left out, as kafka-rest's NON_ABSENT does.

/// <summary>A resource's own URL and its Confluent resource name.</summary>
internal sealed record ResourceMetadata(string Self, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResourceName);

/// <summary>A collection's own URL and, when there is one, the next page's.</summary>
internal sealed record CollectionMetadata(string Self, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Next = null);

/// <summary>A link to a related resource or collection.</summary>
internal sealed record Relationship(string Related);

/// <summary>Any v3 collection: <c>{"kind":"Kafka...List","metadata":{"self":..},"data":[..]}</c>.</summary>
internal sealed record ResourceList<T>(string Kind, CollectionMetadata Metadata, IReadOnlyList<T> Data);

internal sealed record ClusterData(
    string Kind, ResourceMetadata Metadata, string ClusterId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Relationship? Controller,
    Relationship Acls, Relationship Brokers, Relationship BrokerConfigs, Relationship ConsumerGroups, Relationship Topics,
    Relationship PartitionReassignments);

internal sealed record BrokerData(
    string Kind, ResourceMetadata Metadata, string ClusterId, int BrokerId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Host,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Port,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Rack,
    Relationship Configs, Relationship PartitionReplicas);

/// <summary>A broker's or topic's config: <c>broker_id</c> for brokers, <c>topic_name</c> for topics.</summary>
internal sealed record ConfigData(
    string Kind, ResourceMetadata Metadata, string ClusterId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? BrokerId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TopicName,
    string Name, string? Value, bool IsDefault, bool IsReadOnly, bool IsSensitive, string Source, IReadOnlyList<ConfigSynonymData> Synonyms);

internal sealed record ConfigSynonymData(string Name, string? Value, string Source);

internal sealed record TopicData(
    string Kind, ResourceMetadata Metadata, string ClusterId, string TopicName, bool IsInternal, int ReplicationFactor, int PartitionsCount,
    Relationship Partitions, Relationship Configs, Relationship PartitionReassignments);

internal sealed record PartitionData(
    string Kind, ResourceMetadata Metadata, string ClusterId, string TopicName, int PartitionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Relationship? Leader,
    Relationship Replicas, Relationship Reassignment);

internal sealed record ReplicaData(
    string Kind, ResourceMetadata Metadata, string ClusterId, string TopicName, int PartitionId, int BrokerId, bool IsLeader, bool IsInSync,
    Relationship Broker);

internal sealed record PartitionWithOffsetsData(
    string Kind, ResourceMetadata Metadata, string ClusterId, string TopicName, int PartitionId, long EarliestOffset, long LatestOffset);

internal sealed record ConsumerGroupData(
    string Kind, ResourceMetadata Metadata, string ClusterId, string ConsumerGroupId, bool IsSimple, string PartitionAssignor, string State,
    string Type, bool IsMixedConsumerGroup, Relationship Coordinator, Relationship Consumers, Relationship LagSummary);

internal sealed record ConsumerData(
    string Kind, ResourceMetadata Metadata, string ClusterId, string ConsumerGroupId, string ConsumerId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InstanceId,
    string ClientId, Relationship Assignments);

internal sealed record ConsumerAssignmentData(
    string Kind, ResourceMetadata Metadata, string ClusterId, string ConsumerGroupId, string ConsumerId, string TopicName, int PartitionId,
    Relationship Partition, Relationship Lag);

internal sealed record ConsumerLagData(
    string Kind, ResourceMetadata Metadata, string ClusterId, string ConsumerGroupId, string TopicName, int PartitionId, long CurrentOffset,
    long LogEndOffset, long Lag, string ConsumerId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InstanceId,
    string ClientId);

internal sealed record ConsumerGroupLagSummaryData(
    string Kind, ResourceMetadata Metadata, string ClusterId, string ConsumerGroupId, string MaxLagConsumerId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MaxLagInstanceId,
    string MaxLagClientId, string MaxLagTopicName, int MaxLagPartitionId, long MaxLag, long TotalLag, Relationship MaxLagConsumer,
    Relationship MaxLagPartition);
