using Confluent.Kafka;

namespace Gateway.Kafka;

/// <summary>What Kafka said about one record: where it was stored, or why not.</summary>
internal readonly record struct DeliveryOutcome(int Partition, long Offset, Error? Error)
{
    public bool Delivered => Error is null;

    /// <summary>
    /// Sending the record again is the right answer whatever its error code says: its outcome is unknown,
    /// or the producer that held it has been replaced.
    /// </summary>
    public bool Retriable { get; init; }

    public static DeliveryOutcome Failed(Error error) => new(-1, -1, error);

    /// <summary>Kafka's answer does not say the record is stored at an offset, nor that it is not.</summary>
    public static DeliveryOutcome Unknown(string reason) => new(-1, -1, new Error(ErrorCode.Local_Fail, reason)) { Retriable = true };

    /// <summary>
    /// The outcome of a delivery report: delivered only when Kafka says the record is persisted at a real
    /// offset. A success without one (librdkafka's answer to DUPLICATE_SEQUENCE_NUMBER, or a report that is
    /// not <see cref="PersistenceStatus.Persisted"/>) is unknown, never delivered.
    /// </summary>
    public static DeliveryOutcome Of(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError)
        {
            return Failed(report.Error);
        }

        return report.Status == PersistenceStatus.Persisted && report.Offset.Value >= 0
            ? new DeliveryOutcome(report.Partition.Value, report.Offset.Value, null)
            : Unknown($"Kafka answered without the record's offset (persistence {report.Status}, offset {report.Offset.Value}): "
                + "the outcome is unknown and the record may already be stored. Send it again to be sure it is.");
    }
}
