using System.Text.Json.Serialization;

namespace Gateway.Http;

/// <summary><c>/health/live</c> and <c>/health/ready</c>.</summary>
internal sealed record HealthResponse(string Status)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Brokers { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? TokenExpiresAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Problem { get; init; }
}

/// <summary><c>GET /schemas</c>: how unbound topics are treated, and every binding.</summary>
internal sealed record SchemaBindingsResponse(string UnboundTopics, IReadOnlyList<SchemaBindingResponse> Bindings);

/// <summary>One binding: exactly one of <c>topic</c> or <c>pattern</c>.</summary>
internal sealed record SchemaBindingResponse(string Name)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Topic { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Pattern { get; init; }

    public string Schema { get; init; } = "";

    /// <summary>The registry subject the binding names, with its pinned version or schema id.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Subject { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Version { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SchemaId { get; init; }

    public string? DeadLetterTopic { get; init; }

    public bool ValidateBinaryPayloads { get; init; }
}
