using System.Text.Json.Serialization;

namespace Gateway.Http;

/// <summary>
/// kafka-rest's error envelope: <c>{"error_code":..,"message":..}</c>. Gateway adds <c>errors</c>, every schema
/// violation behind the error (each with its record and JSON Pointer), when there are any.
/// </summary>
internal sealed record ErrorDocument(int ErrorCode, string Message)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SchemaViolation>? Errors { get; init; }
}
