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

    public const int MaxFieldLabelLength = 64;

    private static readonly Counter RecordsProduced = Metrics.CreateCounter(
        "gateway_records_produced_total", "Records Kafka acknowledged.", "topic");

    private static readonly Counter RecordsRejected = Metrics.CreateCounter(
        "gateway_records_rejected_total", "Records not produced: refused by Kafka or by the topic's schema.", "topic", "reason");

    private static readonly Counter ValidationFailures = Metrics.CreateCounter(
        "gateway_validation_failures_total", "Schema violations by topic and field (JSON Pointer).", "topic", "field");

    private static readonly Counter Refusals = Metrics.CreateCounter(
        "gateway_requests_refused_total", "Requests refused before any endpoint ran: unauthenticated, forbidden, rate_limited, refusals_limited, body_budget.", "reason");

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
        ValidationFailures.WithLabels(Bounded(_topics, topic), Bounded(_fields, FieldLabel(field))).Inc();

    /// <summary>A refusal by one of a fixed set of reasons (never caller text).</summary>
    public static void Refused(string reason) => Refusals.WithLabels(reason).Inc();

    /// <summary>
    /// A JSON Pointer as a label: array indices read <c>*</c> (so <c>/tags/0</c> and <c>/tags/7</c> are one
    /// series), and at most <see cref="MaxFieldLabelLength"/> characters, cut ones ending in <c>...</c>.
    /// </summary>
    public static string FieldLabel(string pointer)
    {
        if (pointer.Length == 0)
        {
            return "/";
        }

        var segments = pointer.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i].Length > 0 && segments[i].All(char.IsAsciiDigit))
            {
                segments[i] = "*";
            }
        }

        var label = string.Join('/', segments);
        return label.Length <= MaxFieldLabelLength ? label : string.Concat(label.AsSpan(0, MaxFieldLabelLength - 3), "...");
    }

    public void V3Answered(string endpoint, int code) =>
        V3Records.WithLabels(endpoint, Bounded(_codes, code.ToString(System.Globalization.CultureInfo.InvariantCulture))).Inc();

    public static void ProduceTook(TimeSpan elapsed) => ProduceDuration.Observe(elapsed.TotalSeconds);

    private static string Bounded(ConcurrentDictionary<string, byte> seen, string value) =>
        seen.ContainsKey(value) || (seen.Count < MaxLabelValues && seen.TryAdd(value, 0)) ? value : "other";
}
