using System.Collections.Concurrent;
using Prometheus;

namespace Gateway.Observability;

/// <summary>
/// The gateway's own Prometheus series. Topic and field labels are bounded: past
/// <see cref="MaxLabelValues"/> distinct values a label reads <c>other</c>, so a flood of topic names
/// cannot grow the series without end.
/// </summary>
internal sealed class GatewayMetrics
{
    public const int MaxLabelValues = 500;

    private static readonly Counter RecordsProduced = Metrics.CreateCounter(
        "gateway_records_produced_total", "Records Kafka acknowledged.", "topic");

    private static readonly Counter RecordsRejected = Metrics.CreateCounter(
        "gateway_records_rejected_total", "Records not produced: refused by Kafka or by the topic's schema.", "topic", "reason");

    private static readonly Counter ValidationFailures = Metrics.CreateCounter(
        "gateway_validation_failures_total", "Schema violations by topic and field (JSON Pointer).", "topic", "field");

    private static readonly Histogram ProduceDuration = Metrics.CreateHistogram(
        "gateway_produce_duration_seconds", "From handing a request's records to Kafka until Kafka answered for all of them.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });

    private static readonly Counter V3Records = Metrics.CreateCounter(
        "gateway_v3_records_total", "v3 produce records answered, by endpoint (stream, batch) and per-record error code (200 when Kafka has it).",
        "endpoint", "code");

    private readonly ConcurrentDictionary<string, byte> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _fields = new(StringComparer.Ordinal);

    public void Produced(string topic, int records) => RecordsProduced.WithLabels(Bounded(_topics, topic)).Inc(records);

    public void Rejected(string topic, string reason, int records) => RecordsRejected.WithLabels(Bounded(_topics, topic), reason).Inc(records);

    public void ValidationFailed(string topic, string field) =>
        ValidationFailures.WithLabels(Bounded(_topics, topic), Bounded(_fields, field.Length == 0 ? "/" : field)).Inc();

    public void V3Answered(string endpoint, int code) =>
        V3Records.WithLabels(endpoint, Bounded(_codes, code.ToString(System.Globalization.CultureInfo.InvariantCulture))).Inc();

    public static void ProduceTook(TimeSpan elapsed) => ProduceDuration.Observe(elapsed.TotalSeconds);

    private static string Bounded(ConcurrentDictionary<string, byte> seen, string value) =>
        seen.ContainsKey(value) || (seen.Count < MaxLabelValues && seen.TryAdd(value, 0)) ? value : "other";
}
