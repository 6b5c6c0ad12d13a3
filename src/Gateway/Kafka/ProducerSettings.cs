using System.Globalization;
using Confluent.Kafka;
using Gateway.Kafka.Security;

namespace Gateway.Kafka;

/// <summary>Builds the one producer's librdkafka configuration.</summary>
internal static class ProducerSettings
{
    public static ProducerConfig Build(KafkaOptions options, string bootstrapServers)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = "gateway",
            // Java-client compatible placement of keyed records, as kafka-rest places them.
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 5,
            MessageTimeoutMs = options.DeliveryTimeoutMs,
            // Topics are created by the gateway on purpose, never as a side effect of a metadata request.
            AllowAutoCreateTopics = false,
            // Queue depth and broker round trips for /metrics.
            StatisticsIntervalMs = 5_000,
        };
        KafkaSecuritySettings.Apply(config, options.Security);
        foreach (var (key, value) in options.Producer)
        {
            config.Set(key, value);
        }

        // A 200 promises that every replica in sync has the record, exactly once.
        config.Acks = Acks.All;
        config.EnableIdempotence = true;
        config.Set("message.timeout.ms", options.DeliveryTimeoutMs.ToString(CultureInfo.InvariantCulture));
        return config;
    }

    /// <summary>
    /// The same settings for the state topics' producer: each write is one record a caller waits for, so it is sent at
    /// once instead of lingering for a batch, and it reports no statistics (the metrics describe the record producer).
    /// </summary>
    public static ProducerConfig BuildForStateTopics(KafkaOptions options, string bootstrapServers)
    {
        var config = Build(options, bootstrapServers);
        config.ClientId = "gateway-state";
        config.LingerMs = 0;
        config.StatisticsIntervalMs = 0;
        return config;
    }
}
