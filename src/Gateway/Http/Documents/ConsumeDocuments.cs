using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Gateway.Http;

/// <summary><c>POST /consumers/{group}</c>: every field optional; kafka-rest's names, dots included.</summary>
internal sealed record CreateConsumerRequest(
    string? Name,
    string? Format,
    [property: JsonPropertyName("auto.offset.reset")] string? AutoOffsetReset,
    [property: JsonPropertyName("auto.commit.enable")] string? AutoCommitEnable,
    [property: JsonPropertyName("fetch.min.bytes")] int? FetchMinBytes,
    [property: JsonPropertyName("consumer.request.timeout.ms")] int? ConsumerRequestTimeoutMs);

/// <summary>The created instance and the absolute URL of its endpoints.</summary>
internal sealed record CreateConsumerResponse(string InstanceId, string BaseUri);

/// <summary><c>POST …/subscription</c>: <c>topics</c>, or a <c>topic_pattern</c> regular expression.</summary>
internal sealed record SubscriptionRequest(IReadOnlyList<string>? Topics, string? TopicPattern);

/// <summary><c>GET …/subscription</c>.</summary>
internal sealed record SubscriptionResponse(IReadOnlyList<string> Topics);

/// <summary>A topic's partition.</summary>
internal sealed record TopicPartitionDocument(string Topic, int Partition);

/// <summary><c>POST …/assignments</c>, <c>POST …/positions/beginning|end</c>, <c>GET …/offsets</c> and <c>GET …/assignments</c>.</summary>
internal sealed record PartitionsDocument(IReadOnlyList<TopicPartitionDocument> Partitions);

/// <summary>An offset of a partition, with optional commit metadata.</summary>
internal sealed record PartitionOffsetDocument(string Topic, int Partition, long Offset, string? Metadata);

/// <summary>A time (ISO-8601) of a partition, sought to the first record at or after it.</summary>
internal sealed record PartitionTimestampDocument(string Topic, int Partition, string Timestamp, string? Metadata);

/// <summary><c>POST …/positions</c>.</summary>
internal sealed record SeekRequest(IReadOnlyList<PartitionOffsetDocument>? Offsets, IReadOnlyList<PartitionTimestampDocument>? Timestamps);

/// <summary><c>POST …/offsets</c> (commit) and the answer of <c>GET …/offsets</c>.</summary>
internal sealed record OffsetsDocument(IReadOnlyList<PartitionOffsetDocument> Offsets);

/// <summary>
/// One record read, kafka-rest's fields in kafka-rest's order; <c>timestamp</c> (ms since the epoch) and
/// <c>headers</c> only when the read asks for them with <c>include</c>.
/// </summary>
internal sealed record ConsumedRecord(string Topic, RawJson? Key, RawJson? Value, int Partition, long Offset)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Timestamp { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ConsumedHeader>? Headers { get; init; }
}

/// <summary>A record header: its name and base64 value (null for a null value), as v3 writes them.</summary>
internal sealed record ConsumedHeader(string Name, string? Value);

/// <summary>A record as OpenAPI describes it: key and value are base64 strings (binary) or any JSON (json).</summary>
internal sealed record ConsumedRecordDocument(string Topic, JsonNode? Key, JsonNode? Value, int Partition, long Offset);
