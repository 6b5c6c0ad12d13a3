
namespace Gateway.Kafka;

/// <summary>The gateway's one Kafka producer, narrowed to what a produce request needs.</summary>
internal interface IRecordProducer
{
    /// <summary>
    /// Hands every record to Kafka before waiting for any, then completes when Kafka has answered for
    /// all of them, with one outcome per record in request order.
    /// </summary>
    /// <summary>Why records cannot be produced right now (the producer is being replaced), or null.</summary>
    string? Problem { get; }

    Task<DeliveryOutcome[]> ProduceAsync(string topic, IReadOnlyList<ProduceRecord> records);
}
