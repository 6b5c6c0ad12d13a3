using System.Globalization;
using Confluent.Kafka;
using Gateway.Kafka.Security;

namespace Gateway.Kafka;

/// <summary>Builds the one producer's librdkafka configuration.</summary>
internal static class ProducerSettings
{
    /// <param name="options">The Kafka section.</param>
    /// <param name="bootstrapServers">The cluster in use.</param>
    /// <param name="statistics">Ask librdkafka for statistics (only when <c>/metrics</c> serves them).</param>
    public static ProducerConfig Build(KafkaOptions options, string bootstrapServers, bool statistics = true)
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
            StatisticsIntervalMs = statistics ? 5_000 : 0,
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
        var config = Build(options, bootstrapServers, statistics: false);
        config.ClientId = "gateway-state";
        config.LingerMs = 0;
        return config;
    }
}
