using System.Text;
using Gateway.Kafka;

namespace Gateway.Produce;

/// <summary>
/// Carries the caller's trace context into Kafka: W3C <c>traceparent</c> and API Gateway's
/// <c>X-Amzn-Trace-Id</c> become record headers of the same names (<c>Observability:PropagateTraceHeaders</c>).
/// </summary>
internal static class TraceHeaders
{
    private static readonly string[] Names = ["traceparent", "tracestate", "X-Amzn-Trace-Id"];

    /// <summary>The headers to add to every record of the request, or null when the request carries none.</summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>>? From(HttpRequest request)
    {
        List<KeyValuePair<string, byte[]>>? headers = null;
        foreach (var name in Names)
        {
            var value = request.Headers[name].ToString();
            if (value.Length is > 0 and <= 512)
            {
                (headers ??= []).Add(new(name, Encoding.ASCII.GetBytes(value)));
            }
        }

        return headers;
    }

    public static void Apply(List<ProduceRecord> records, IReadOnlyList<KeyValuePair<string, byte[]>> headers)
    {
        for (var i = 0; i < records.Count; i++)
        {
            records[i] = records[i] with { Headers = headers };
        }
    }
}
