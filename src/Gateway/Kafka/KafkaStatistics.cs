using System.Text.Json;
using Prometheus;

namespace Gateway.Kafka;

/// <summary>
/// librdkafka's statistics (every <c>statistics.interval.ms</c>) as gauges: queue depth and broker round
/// trip. librdkafka hands the JSON over on its poll thread, the one that delivers every delivery report, so
/// there it is only kept; it is parsed when <c>/metrics</c> is scraped, and never when metrics are off.
/// </summary>
internal static class KafkaStatistics
{
    private static string? _latest;

    static KafkaStatistics() => Metrics.DefaultRegistry.AddBeforeCollectCallback(Collect);

    private static readonly Gauge QueuedMessages = Metrics.CreateGauge(
        "gateway_kafka_queue_messages", "Records in librdkafka's queue, not yet acknowledged.");

    private static readonly Gauge QueuedBytes = Metrics.CreateGauge(
        "gateway_kafka_queue_bytes", "Bytes in librdkafka's queue.");

    private static readonly Gauge BrokerRoundTrip = Metrics.CreateGauge(
        "gateway_kafka_broker_rtt_seconds", "Average request round trip to each broker over the last interval.", "broker");

    /// <summary>Runs on librdkafka's poll thread: keep the text, nothing more.</summary>
    public static void Keep(string statisticsJson) => Volatile.Write(ref _latest, statisticsJson);

    private static void Collect()
    {
        if (Interlocked.Exchange(ref _latest, null) is { } latest)
        {
            Record(latest);
        }
    }

    private static void Record(string statisticsJson)
    {
        using var document = JsonDocument.Parse(statisticsJson);
        var root = document.RootElement;
        if (root.TryGetProperty("msg_cnt", out var count))
        {
            QueuedMessages.Set(count.GetDouble());
        }

        if (root.TryGetProperty("msg_size", out var size))
        {
            QueuedBytes.Set(size.GetDouble());
        }

        if (root.TryGetProperty("brokers", out var brokers))
        {
            foreach (var broker in brokers.EnumerateObject())
            {
                if (broker.Value.TryGetProperty("nodeid", out var id) && id.GetInt32() >= 0
                    && broker.Value.TryGetProperty("rtt", out var rtt) && rtt.TryGetProperty("avg", out var average))
                {
                    BrokerRoundTrip.WithLabels(id.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(average.GetDouble() / 1_000_000);
                }
            }
        }
    }
}
