using Gateway.Kafka.Embedded;
using Microsoft.Extensions.Options;

namespace Gateway.Kafka;

/// <summary>
/// Where the gateway's Kafka clients connect: the configured cluster, or, when none is configured, an
/// embedded in-memory cluster that this object starts and owns.
/// </summary>
internal sealed partial class KafkaConnection : IDisposable
{
    public KafkaConnection(IOptions<KafkaOptions> options, ILogger<KafkaConnection> logger)
    {
        var settings = options.Value;
        LogLibrary(logger, Confluent.Kafka.Library.VersionString);
        if (settings.UsesEmbeddedCluster)
        {
            Embedded = new EmbeddedKafkaCluster(settings.EmbeddedBrokers);
            BootstrapServers = Embedded.BootstrapServers;
            LogEmbedded(logger, settings.EmbeddedBrokers, BootstrapServers);
        }
        else
        {
            BootstrapServers = settings.BootstrapServers;
            LogConfigured(logger, BootstrapServers);
        }
    }

    public string BootstrapServers { get; }

    /// <summary>The in-memory cluster, when no bootstrap servers are configured.</summary>
    public EmbeddedKafkaCluster? Embedded { get; }

    public void Dispose() => Embedded?.Dispose();

    [LoggerMessage(LogLevel.Information, "librdkafka {Version} loaded")]
    private static partial void LogLibrary(ILogger logger, string version);

    [LoggerMessage(LogLevel.Warning,
        "EMBEDDED KAFKA: no Kafka:BootstrapServers configured, so an in-memory cluster of {Brokers} brokers was started at {Bootstrap}. "
        + "Records are kept in memory only, are NOT persisted and are lost when the gateway stops. "
        + "Set Kafka__BootstrapServers to use a real cluster.")]
    private static partial void LogEmbedded(ILogger logger, int brokers, string bootstrap);

    [LoggerMessage(LogLevel.Information, "Producing to the Kafka cluster at {Bootstrap}")]
    private static partial void LogConfigured(ILogger logger, string bootstrap);
}
