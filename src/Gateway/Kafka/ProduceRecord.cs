namespace Gateway.Kafka;

/// <summary>One record of a produce request, already in the bytes Kafka will store.</summary>
/// <param name="Key">The key bytes, or null for a Kafka null key.</param>
/// <param name="Value">The value bytes, or null for a Kafka null value.</param>
/// <param name="Partition">The partition the client asked for, or null to let the partitioner choose.</param>
internal readonly record struct ProduceRecord(byte[]? Key, byte[]? Value, int? Partition)
{
    /// <summary>Kafka record headers the gateway adds (dead-letter reasons); none for client records.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>>? Headers { get; init; }

    /// <summary>The record's create time when the client gives one (v3 <c>timestamp</c>); otherwise the producer's clock.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
