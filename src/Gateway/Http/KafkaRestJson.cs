using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Http;

/// <summary>
/// Every answer's JSON, by source-generated code: snake_case names in declaration order, nulls written
/// (kafka-rest writes them) unless a member says otherwise, and text as it is (an apostrophe stays one).
/// </summary>
internal static class KafkaRestJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static KafkaRestJsonContext Context { get; } = new(Options);
}

[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(ProduceRequestDocument))]
[JsonSerializable(typeof(ProduceResponse))]
[JsonSerializable(typeof(SchemaMismatchResponse))]
[JsonSerializable(typeof(IReadOnlyList<SchemaViolation>))]
[JsonSerializable(typeof(TopicResponse))]
[JsonSerializable(typeof(IReadOnlyList<PartitionResponse>))]
[JsonSerializable(typeof(PartitionResponse))]
[JsonSerializable(typeof(BrokersResponse))]
[JsonSerializable(typeof(PartitionOffsetsResponse))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(SchemaBindingsResponse))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
[JsonSerializable(typeof(CreateConsumerRequest))]
[JsonSerializable(typeof(CreateConsumerResponse))]
[JsonSerializable(typeof(SubscriptionRequest))]
[JsonSerializable(typeof(SubscriptionResponse))]
[JsonSerializable(typeof(PartitionsDocument))]
[JsonSerializable(typeof(SeekRequest))]
[JsonSerializable(typeof(OffsetsDocument))]
[JsonSerializable(typeof(IReadOnlyList<ConsumedRecord>))]
[JsonSerializable(typeof(IReadOnlyList<ConsumedRecordDocument>))]
[JsonSerializable(typeof(ProduceV3RequestDocument))]
[JsonSerializable(typeof(ProduceV3BatchRequestDocument))]
[JsonSerializable(typeof(ProduceV3Response))]
[JsonSerializable(typeof(ProduceV3BatchResponse))]
[JsonSerializable(typeof(ClusterData))]
[JsonSerializable(typeof(ResourceList<ClusterData>))]
[JsonSerializable(typeof(BrokerData))]
[JsonSerializable(typeof(ResourceList<BrokerData>))]
[JsonSerializable(typeof(ConfigData))]
[JsonSerializable(typeof(ResourceList<ConfigData>))]
[JsonSerializable(typeof(TopicData))]
[JsonSerializable(typeof(ResourceList<TopicData>))]
[JsonSerializable(typeof(PartitionData))]
[JsonSerializable(typeof(ResourceList<PartitionData>))]
[JsonSerializable(typeof(ReplicaData))]
[JsonSerializable(typeof(ResourceList<ReplicaData>))]
[JsonSerializable(typeof(PartitionWithOffsetsData))]
[JsonSerializable(typeof(ConsumerGroupData))]
[JsonSerializable(typeof(ResourceList<ConsumerGroupData>))]
[JsonSerializable(typeof(ConsumerData))]
[JsonSerializable(typeof(ResourceList<ConsumerData>))]
[JsonSerializable(typeof(ConsumerAssignmentData))]
[JsonSerializable(typeof(ResourceList<ConsumerAssignmentData>))]
[JsonSerializable(typeof(ConsumerLagData))]
[JsonSerializable(typeof(ResourceList<ConsumerLagData>))]
[JsonSerializable(typeof(ConsumerGroupLagSummaryData))]
[JsonSerializable(typeof(RegistrySchemaDocument))]
[JsonSerializable(typeof(IReadOnlyList<RegistrySchemaDocument>))]
[JsonSerializable(typeof(RegistrySchemaByIdDocument))]
[JsonSerializable(typeof(RegistryIdDocument))]
[JsonSerializable(typeof(IReadOnlyList<RegistrySubjectVersionDocument>))]
[JsonSerializable(typeof(IReadOnlyList<int>))]
[JsonSerializable(typeof(RegistryConfigDocument))]
[JsonSerializable(typeof(RegistryConfigUpdateDocument))]
[JsonSerializable(typeof(RegistryCompatibilityDocument))]
[JsonSerializable(typeof(RegistryModeDocument))]
internal sealed partial class KafkaRestJsonContext : JsonSerializerContext;
