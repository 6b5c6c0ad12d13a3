using System.Globalization;
using Gateway.Consume.Instances;
using Gateway.Http;

namespace Gateway.Consume.Requests;

/// <summary>
/// A records read's query: <c>timeout</c> (ms), <c>max_bytes</c> and the gateway's <c>include</c>
/// (<c>timestamp</c>, <c>headers</c>, comma-separated). The wait is <c>timeout</c> when given, else the
/// instance's <c>consumer.request.timeout.ms</c>, else <c>Consumers:RequestWaitMs</c>, never more than
/// <c>Consumers:MaxReadWaitMs</c>; the bytes are <c>max_bytes</c> up to <c>Consumers:MaxReadBytes</c>.
/// </summary>
internal static class ReadRequests
{
    public static (ReadRequest? Read, GatewayError? Error) From(IQueryCollection query, InstanceSettings instance, ConsumeOptions options)
    {
        var (timeout, timeoutError) = Number(query, "timeout");
        var (maxBytes, maxBytesError) = Number(query, "max_bytes");
        if ((timeoutError ?? maxBytesError) is { } error)
        {
            return (null, error);
        }

        var includeTimestamp = false;
        var includeHeaders = false;
        foreach (var part in query["include"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            switch (part)
            {
                case "timestamp":
                    includeTimestamp = true;
                    break;
                case "headers":
                    includeHeaders = true;
                    break;
                default:
                    return (null, ErrorCatalog.InvalidQueryParameter("include", part, "timestamp, headers or both, comma-separated"));
            }
        }

        var waitMs = timeout is > 0 ? timeout.Value : instance.RequestWaitMs ?? options.RequestWaitMs;
        var bytes = maxBytes is > 0 ? Math.Min(maxBytes.Value, options.MaxReadBytes) : options.MaxReadBytes;
        return (new ReadRequest(TimeSpan.FromMilliseconds(Math.Min(waitMs, options.MaxReadWaitMs)), bytes, includeTimestamp, includeHeaders), null);
    }

    private static (long? Value, GatewayError? Error) Number(IQueryCollection query, string name) =>
        query[name].LastOrDefault() is not { } text ? (null, null)
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? (number, null)
        : (null, ErrorCatalog.InvalidQueryParameter(name, text, "a whole number"));
}
