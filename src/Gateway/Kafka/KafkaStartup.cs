namespace Gateway.Kafka;

/// <summary>Connects (or starts the embedded cluster) and loads schemas when the gateway starts, not on the first request.</summary>
internal sealed class KafkaStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<RecordProducer>();
        _ = services.GetRequiredService<ClusterMetadata>();
        // Schema files are read and compiled now, so a broken one stops start-up.
        _ = services.GetRequiredService<Schemas.TopicSchemas>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
