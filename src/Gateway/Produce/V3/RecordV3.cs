namespace Gateway.Produce.V3;

/// <summary>One v3 record as the client sent it, before its key and value are serialized.</summary>
internal sealed class RecordV3
{
    /// <summary>The batch entry's id; null in a stream.</summary>
    public string? Id { get; set; }

    /// <summary>True when the batch entry's id is a string of 1 to 80 of <c>[0-9a-zA-Z-_]</c>, as kafka-rest requires.</summary>
    public bool IdIsValid { get; set; }

    public int? PartitionId { get; set; }

    public List<KeyValuePair<string, byte[]>>? Headers { get; set; }

    public RecordData? Key { get; set; }

    public RecordData? Value { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The record's size as sent, for the bytes-per-second limit (kafka-rest's original size).</summary>
    public int Size { get; set; }
}

/// <summary>
/// A key or value: its <c>type</c> (null when the client named none, which means a schema lookup), its
/// <c>data</c> as compact JSON and, when it is a JSON string, the string's UTF-8 bytes, and the schema fields.
/// </summary>
internal sealed record RecordData(string? Type, byte[] Compact, byte[]? Text, bool IsNull)
{
    public string? Subject { get; init; }

    public string? SubjectNameStrategy { get; init; }

    public int? SchemaId { get; init; }

    public int? SchemaVersion { get; init; }

    public string? Schema { get; init; }

    /// <summary>The <c>data</c> as kafka-rest prints it in messages (<c>data=...</c>).</summary>
    public string DataText => System.Text.Encoding.UTF8.GetString(Compact);
}
