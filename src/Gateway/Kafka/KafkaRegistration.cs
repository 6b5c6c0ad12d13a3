using Gateway.Settings;
using Gateway.Kafka.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Kafka;

internal static class KafkaRegistration
{
    /// <summary>The Kafka connection (configured or embedded), the record producer, cluster metadata and the state topics' clients.</summary>
    public static IServiceCollection AddKafka(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<KafkaOptions, KafkaOptionsValidator>(configuration, KafkaOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<KafkaConnection>();
        services.AddSingleton<RecordProducer>();
        services.AddSingleton<IRecordProducer>(sp => sp.GetRequiredService<RecordProducer>());
        services.AddSingleton<ClusterMetadata>();
        services.AddSingleton<ConsumerClients>();
        services.TryAddSingleton<IConsumerGroupDirectory, NoConsumerGroups>();
        services.AddSingleton<ClusterAdmin>();
        services.AddSingleton<TopicReaders>();
        services.AddSingleton<StateTopicWriter>();
        services.AddSingleton<IStartupCheck, KafkaStartup>();
        services.AddKafkaSecurity();
        return services;
    }

    /// <summary>MSK IAM: credentials (default chain, optionally an assumed role), token making and its status.</summary>
    private static void AddKafkaSecurity(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KafkaOptions>>().Value.Security);
        services.AddSingleton(sp => new KafkaAuthStatus(sp.GetRequiredService<TimeProvider>())
        {
            UsesToken = sp.GetRequiredService<KafkaSecurityOptions>().Mode == KafkaSecurityMode.AwsMskIam,
        });
        services.AddSingleton<IAwsCredentialSource>(sp =>
        {
            var security = sp.GetRequiredService<KafkaSecurityOptions>();
            var chain = new DefaultChainCredentials();
            return security.AwsRoleArn.Length > 0
                ? new RoleAssumption(chain, security, sp.GetRequiredService<TimeProvider>())
                : chain;
        });
        services.AddSingleton<MskIamTokenProvider>();
        services.AddSingleton<MskIamTokenRefresher>();
        services.AddSingleton<RefusalLog>();
    }
}
