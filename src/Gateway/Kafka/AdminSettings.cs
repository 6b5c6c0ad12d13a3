using Confluent.Kafka;
using Gateway.Kafka.Security;

namespace Gateway.Kafka;

/// <summary>
/// The admin client's librdkafka configuration: the producer's cluster and security settings, on a
/// client of its own so metadata and admin requests survive the producer being replaced.
/// </summary>
internal static class AdminSettings
{
    public static AdminClientConfig Build(KafkaOptions options, string bootstrapServers)
    {
        var config = new AdminClientConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = "gateway-admin",
            AllowAutoCreateTopics = false,
        };
        KafkaSecuritySettings.Apply(config, options.Security);
        return config;
    }
}
