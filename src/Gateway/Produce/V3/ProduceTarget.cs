using Gateway.Kafka;
using Gateway.Schemas;

namespace Gateway.Produce.V3;

/// <summary>What every record of one v3 request shares: where it goes, who sends it, and how long Kafka may take.</summary>
internal sealed class ProduceTarget(string clusterId, string topic, SchemaBinding? binding, Security.Caller? principal, int deadlineMs)
{
    public string ClusterId { get; } = clusterId;

    public string Topic { get; } = topic;

    public SchemaBinding? Binding { get; } = binding;

    /// <summary>The caller's name (empty without a caller), for rate limits and idempotency scopes.</summary>
    public string Caller => Principal?.Name ?? "";

    public int DeadlineMs { get; } = deadlineMs;

    /// <summary>The topic as last described, for checking partitions per record; null when it could not be described.</summary>
    public TopicInfo? Described { get; set; }

    /// <summary>The caller, whose permissions decide whether a raw schema may be registered under its subject.</summary>
    public Security.Caller? Principal { get; } = principal;

    /// <summary>Trace context headers added to every record.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>>? TraceHeaders { get; init; }
}

/// <summary>A record ready for Kafka, with what its answer reports about its key and value.</summary>
internal sealed record PreparedRecord(ProduceRecord Record, string? KeyType, string? ValueType, string? Id)
{
    public SerializedData KeySchema { get; init; }

    public SerializedData ValueSchema { get; init; }
}
