using System.Text.Json.Serialization;

namespace Gateway.Http;

/// <summary>One way a record's value fails its schema: which record, where (JSON Pointer), which keyword, and why.</summary>
internal sealed record SchemaViolation(int Record, string Pointer, string Keyword, string Message)
{
    /// <summary><c>key</c> when the violation is in the record's key; null (not written) for its value.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Field { get; init; }

    /// <summary>Roughly the memory it holds: its strings and the object around them.</summary>
    [JsonIgnore]
    public long ApproximateBytes => 128L + 2L * (Message.Length + Pointer.Length);

    public string Describe() => Field is null ? $"record {Record} at '{Pointer}': {Keyword}: {Message}" : $"record {Record} {Field} at '{Pointer}': {Keyword}: {Message}";
}
