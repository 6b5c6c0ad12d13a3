using Confluent.Kafka;

namespace Gateway.Kafka;

/// <summary>
/// The librdkafka producers and their producer ids, from their build until a fatal error retires them. After a
/// fatal error librdkafka fails every record it is given, so the gateway builds the next generation.
/// </summary>
internal sealed class ProducerGeneration(int number, DateTimeOffset built)
{
    private string? _fatal;

    public int Number { get; } = number;

    public DateTimeOffset Built { get; } = built;

    public IProducer<byte[]?, byte[]?> Producer { get; set; } = null!;

    /// <summary>The producer that sends at once (no linger), for when few records wait for Kafka; null when the linger is already 0.</summary>
    public IProducer<byte[]?, byte[]?>? Prompt { get; set; }

    /// <summary>Flushes and closes both producers; returns how many records were still unacknowledged.</summary>
    public int Close(TimeSpan timeout)
    {
        var left = Producer.Flush(timeout) + (Prompt?.Flush(timeout) ?? 0);
        Prompt?.Dispose();
        Producer.Dispose();
        return left;
    }

    /// <summary>The fatal error that ended this generation, or null while it serves.</summary>
    public string? Fatal => Volatile.Read(ref _fatal);

    /// <summary>Records the fatal error; true for the first one only.</summary>
    public bool MarkFatal(string reason) => Interlocked.CompareExchange(ref _fatal, reason, null) is null;
}
