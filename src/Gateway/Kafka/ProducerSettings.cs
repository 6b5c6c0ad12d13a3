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
            // A delivery report is read for its partition, offset, error and persistence status only: copying
            // back headers and timestamps (and keeping keys and values referenced) is work per record for nothing.
            DeliveryReportFields = "status",
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

    /// <summary>
    /// The prompt producer's configuration: the same, but sending at once. Null when the configured linger is
    /// already 0 or the gateway is told never to send at once (<see cref="KafkaOptions.LingerFromRecordsInFlight"/> is 0).
    /// </summary>
    public static ProducerConfig? Prompt(KafkaOptions options, string bootstrapServers, ProducerConfig batching)
    {
        if (options.LingerFromRecordsInFlight == 0 || batching.LingerMs is not > 0)
        {
            return null;
        }

        var config = Build(options, bootstrapServers, statistics: false);
        config.LingerMs = 0;
        return config;
    }
}
