using Confluent.Kafka;

namespace Gateway.Kafka;

/// <summary>What Kafka said about one record: where it was stored, or why not.</summary>
internal readonly record struct DeliveryOutcome(int Partition, long Offset, Error? Error)
{
    public bool Delivered => Error is null;

    public static DeliveryOutcome Failed(Error error) => new(-1, -1, error);
}
