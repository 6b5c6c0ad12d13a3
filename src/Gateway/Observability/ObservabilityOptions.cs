namespace Gateway.Observability;

/// <summary>The <c>Observability</c> section.</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Copy <c>traceparent</c>, <c>tracestate</c> and <c>X-Amzn-Trace-Id</c> into each record's Kafka headers.</summary>
    public bool PropagateTraceHeaders { get; set; } = true;

    /// <summary>Serve Prometheus metrics at <c>/metrics</c>.</summary>
    public bool Metrics { get; set; } = true;
}
