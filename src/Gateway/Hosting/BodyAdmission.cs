using Gateway.Http;
using Gateway.Observability;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Admits request bodies by bytes before anything reads them: each request with a body holds its
/// <c>Content-Length</c> (a chunked one the server's body limit) until it is answered. Past
/// <see cref="ServerOptions.MaxBodyBytesInFlight"/> a request gets 429 without its body being read, so many
/// large bodies at once cannot take the memory that reading them would.
/// </summary>
internal sealed class BodyAdmission(RequestDelegate next, IOptions<ServerOptions> options)
{
    private readonly long _budget = options.Value.MaxBodyBytesInFlight;
    private long _inFlight;

    public async Task InvokeAsync(HttpContext context)
    {
        var bytes = BytesOf(context);
        if (bytes == 0)
        {
            await next(context);
            return;
        }

        var now = Interlocked.Add(ref _inFlight, bytes);
        if (now > _budget && now != bytes)
        {
            Interlocked.Add(ref _inFlight, -bytes);
            GatewayMetrics.Refused("body_budget");
            await ErrorResult.WriteAsync(context.Response, ErrorCatalog.BodyBudgetExhausted(now - bytes));
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Add(ref _inFlight, -bytes);
        }
    }

    /// <summary>
    /// What the body can cost: its length, at most the server's body limit (which refuses the rest), or for a
    /// body read a frame at a time, what it holds at once.
    /// </summary>
    private static long BytesOf(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<StreamedBody>() is { } streamed
            ? streamed.BytesHeldAtOnce + ServerDefaults.BodyLimitMargin
            : context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? ServerDefaults.UnlimitedBodyCharge;
        if (context.Request.ContentLength is { } length)
        {
            return Math.Min(length, limit);
        }

        return context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true ? limit : 0;
    }
}
