using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Gateway.Http;

/// <summary>A kafka-rest v2 produce request, as documented in OpenAPI.</summary>
internal sealed record ProduceRequestDocument(IReadOnlyList<ProduceRecordDocument> Records)
{
    /// <summary>avro, jsonschema and protobuf formats: the id of the keys' schema (registered under <c>&lt;topic&gt;-key</c>).</summary>
    public int? KeySchemaId { get; init; }

    /// <summary>avro, jsonschema and protobuf formats: the keys' schema as text, found or registered under <c>&lt;topic&gt;-key</c>.</summary>
    public string? KeySchema { get; init; }

    /// <summary>avro, jsonschema and protobuf formats: the id of the values' schema (registered under <c>&lt;topic&gt;-value</c>).</summary>
    public int? ValueSchemaId { get; init; }

    /// <summary>avro, jsonschema and protobuf formats: the values' schema as text, found or registered under <c>&lt;topic&gt;-value</c>.</summary>
    public string? ValueSchema { get; init; }
}

/// <summary>One record: key and value are any JSON (json format) or base64 strings (binary format).</summary>
internal sealed record ProduceRecordDocument(JsonNode? Key, JsonNode? Value, int? Partition);

/// <summary>kafka-rest v2 produce answer: one entry per record, in request order.</summary>
internal sealed record ProduceResponse(IReadOnlyList<PartitionOffset> Offsets, int? KeySchemaId, int? ValueSchemaId);

/// <summary>
/// Where a record was stored, or kafka-rest's error code (40101, 40301, 50002, 50003) and why not. In
/// partial validation mode a record that does not match its schema has error code 42210, its
/// violations and, with a dead-letter topic, where it was written instead.
/// </summary>
internal sealed record PartitionOffset(int? Partition, long? Offset, int? ErrorCode, string? Error)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SchemaViolation>? Errors { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeadLetterOffset? DeadLetter { get; init; }
}

/// <summary>Where a rejected record was written in its binding's dead-letter topic, or why it could not be.</summary>
internal sealed record DeadLetterOffset(string Topic, int? Partition, long? Offset, int? ErrorCode, string? Error);

/// <summary>The atomic answer to a batch with records that do not match their schema: 422 / 42210.</summary>
internal sealed record SchemaMismatchResponse(int ErrorCode, string Message, IReadOnlyList<SchemaViolation> Errors)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DeadLetteredRecord>? DeadLettered { get; init; }
}

/// <summary>A rejected record of an atomic batch and where it went in the dead-letter topic.</summary>
internal sealed record DeadLetteredRecord(int Record, string Topic, int? Partition, long? Offset, int? ErrorCode, string? Error);
