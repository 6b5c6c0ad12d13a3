using Gateway.Settings;

namespace Gateway.Kafka;

/// <summary>Connects (or starts the embedded cluster) before the gateway serves, not on the first request.</summary>
internal sealed class KafkaStartup(IServiceProvider services) : IStartupCheck
{
    public void Run()
    {
        _ = services.GetRequiredService<RecordProducer>();
        _ = services.GetRequiredService<ClusterMetadata>();
    }
}
