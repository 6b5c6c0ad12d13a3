using Confluent.Kafka;

namespace Gateway.Kafka;

/// <summary>
/// One librdkafka producer and its producer id, from its build until a fatal error retires it. After a
/// fatal error librdkafka fails every record it is given, so the gateway builds the next generation.
/// </summary>
internal sealed class ProducerGeneration(int number, DateTimeOffset built)
{
    private string? _fatal;

    public int Number { get; } = number;

    public DateTimeOffset Built { get; } = built;

    public IProducer<byte[]?, byte[]?> Producer { get; set; } = null!;

    /// <summary>The fatal error that ended this generation, or null while it serves.</summary>
    public string? Fatal => Volatile.Read(ref _fatal);

    /// <summary>Records the fatal error; true for the first one only.</summary>
    public bool MarkFatal(string reason) => Interlocked.CompareExchange(ref _fatal, reason, null) is null;
}
