using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Gateway.Http;

/// <summary>
/// One record of a kafka-rest v3 produce request (<c>ProduceRequest</c> in kafka-rest's OpenAPI document);
/// a streamed body is several of these objects one after another.
/// </summary>
internal sealed record ProduceV3RequestDocument(
    int? PartitionId, IReadOnlyList<ProduceV3HeaderDocument>? Headers, ProduceV3DataDocument? Key, ProduceV3DataDocument? Value, string? Timestamp);

/// <summary>A batch: <c>{"entries":[{"id":"a1", ...record fields}]}</c>.</summary>
internal sealed record ProduceV3BatchRequestDocument(IReadOnlyList<ProduceV3BatchEntryDocument> Entries);

internal sealed record ProduceV3BatchEntryDocument(
    string Id, int? PartitionId, IReadOnlyList<ProduceV3HeaderDocument>? Headers, ProduceV3DataDocument? Key, ProduceV3DataDocument? Value,
    string? Timestamp);

/// <summary>A record header: a name and a base64 value (or null).</summary>
internal sealed record ProduceV3HeaderDocument(string Name, string? Value);

/// <summary>A key or value: <c>type</c> BINARY (base64 data), JSON (any JSON) or STRING, and its <c>data</c>.</summary>
internal sealed record ProduceV3DataDocument(string? Type, JsonNode? Data);

/// <summary>
/// The answer for one record, in input order: <c>error_code</c> 200 with where it was stored, or the error
/// code and message. Gateway adds <c>errors</c> (schema violations, each with its JSON Pointer) and
/// <c>retry_after_seconds</c> (when a record refused for lack of room or rate may be sent again).
/// </summary>
internal sealed record ProduceV3Response(int ErrorCode)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClusterId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TopicName { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? PartitionId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Offset { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Timestamp { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProduceV3ResponseData? Key { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProduceV3ResponseData? Value { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SchemaViolation>? Errors { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>What was stored for a key or value: its type and serialized size in bytes.</summary>
internal sealed record ProduceV3ResponseData(string Type, long Size)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Subject { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SchemaId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SchemaVersion { get; init; }
}

/// <summary>The 207 answer of <c>records:batch</c>.</summary>
internal sealed record ProduceV3BatchResponse(IReadOnlyList<ProduceV3BatchSuccess> Successes, IReadOnlyList<ProduceV3BatchFailure> Failures);

internal sealed record ProduceV3BatchSuccess(
    string Id, string ClusterId, string TopicName, int PartitionId, long Offset,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Timestamp,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProduceV3ResponseData? Key,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProduceV3ResponseData? Value);

internal sealed record ProduceV3BatchFailure(string Id, int ErrorCode, string Message)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SchemaViolation>? Errors { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RetryAfterSeconds { get; init; }
}
