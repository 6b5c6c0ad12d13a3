namespace Gateway.Kafka;

/// <summary>Connects (or starts the embedded cluster) when the gateway starts, not on the first request.</summary>
internal sealed class KafkaStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<RecordProducer>();
        _ = services.GetRequiredService<ClusterMetadata>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
