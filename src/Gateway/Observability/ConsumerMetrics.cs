using System.Collections.Concurrent;
using Prometheus;

namespace Gateway.Observability;

/// <summary>
/// The v2 consumers' series. Topic labels are bounded as the produce side's are; instance labels are
/// bounded by <c>Consumers:MaxInstances</c> and removed when the instance closes.
/// </summary>
internal sealed class ConsumerMetrics
{
    private static readonly Gauge Instances = Metrics.CreateGauge(
        "gateway_consumer_instances", "Consumer instances this gateway holds.");

    private static readonly Counter Reads = Metrics.CreateCounter(
        "gateway_consumer_reads_total", "Record reads answered, by outcome (records, empty, error).", "outcome");

    private static readonly Counter RecordsConsumed = Metrics.CreateCounter(
        "gateway_records_consumed_total", "Records handed to consumer instances' clients.", "topic");

    private static readonly Counter Rebalances = Metrics.CreateCounter(
        "gateway_consumer_rebalances_total", "Partition assignments received from consumer groups.");

    private static readonly Counter Expired = Metrics.CreateCounter(
        "gateway_consumer_instances_expired_total", "Instances closed because their client stopped using them.");

    private static readonly Counter Forwarded = Metrics.CreateCounter(
        "gateway_consumer_forwarded_total", "Requests passed to the gateway instance that owns the consumer instance, by outcome.", "outcome");

    private static readonly Gauge Lag = Metrics.CreateGauge(
        "gateway_consumer_lag_records", "Records in the instance's partitions not yet handed to its client, as of its last read.", "group", "instance");

    private readonly ConcurrentDictionary<string, byte> _topics = new(StringComparer.Ordinal);

    public static void InstanceOpened() => Instances.Inc();

    public static void InstanceClosed(string group, string instance)
    {
        Instances.Dec();
        Lag.RemoveLabelled(group, instance);
    }

    public static void InstanceExpired() => Expired.Inc();

    public static void Read(int records, bool failed) => Reads.WithLabels(failed ? "error" : records > 0 ? "records" : "empty").Inc();

    public void Consumed(string topic, int records) => RecordsConsumed.WithLabels(Bounded(topic)).Inc(records);

    public static void Rebalanced() => Rebalances.Inc();

    public static void InstanceLag(string group, string instance, long lag) => Lag.WithLabels(group, instance).Set(lag);

    public static void Forward(string outcome) => Forwarded.WithLabels(outcome).Inc();

    private string Bounded(string topic) =>
        _topics.ContainsKey(topic) || (_topics.Count < GatewayMetrics.MaxLabelValues && _topics.TryAdd(topic, 0)) ? topic : "other";
}
