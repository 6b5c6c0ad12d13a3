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
internal sealed partial class KafkaRestJsonContext : JsonSerializerContext;
