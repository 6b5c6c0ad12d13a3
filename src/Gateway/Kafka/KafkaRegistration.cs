using Gateway.Hosting;
using Gateway.Topics;

namespace Gateway.Kafka;

internal static class KafkaRegistration
{
    /// <summary>The Kafka connection (configured or embedded), the one producer, metadata and topic creation.</summary>
    public static IServiceCollection AddKafka(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<KafkaOptions, KafkaOptionsValidator>(configuration, KafkaOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<KafkaConnection>();
        services.AddSingleton<RecordProducer>();
        services.AddSingleton<IRecordProducer>(sp => sp.GetRequiredService<RecordProducer>());
        services.AddSingleton<ClusterMetadata>();
        services.AddSingleton<TopicProvisioner>();
        services.AddSingleton<TopicCatalog>();
        services.AddHostedService<KafkaStartup>();
        return services;
    }
}
