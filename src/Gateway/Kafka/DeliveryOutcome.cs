using Confluent.Kafka;

namespace Gateway.Kafka;

/// <summary>What Kafka said about one record: where it was stored, or why not.</summary>
internal readonly record struct DeliveryOutcome(int Partition, long Offset, Error? Error)
{
    public bool Delivered => Error is null;

    /// <summary>The timestamp Kafka stored with the record (create or log-append time), when it was delivered.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    public static DeliveryOutcome Failed(Error error) => new(-1, -1, error);
}
