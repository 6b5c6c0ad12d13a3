using System.Diagnostics;
using System.Net;
using Gateway.Http;
using Gateway.Observability;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Consume.Ownership;

/// <summary>
/// Passes a request for an instance this gateway does not own to the gateway that does, with YARP's
/// forwarder: the client's own credentials travel with it and the owner authenticates them again, so
/// the caller is the same on both sides and an instance answers only the caller that created it. The
/// hop names the owner's run, so a request can never be forwarded twice or reach a later process at
/// the same address.
/// </summary>
internal sealed partial class PeerForwarder(IHttpForwarder forwarder, IOptions<ConsumeOptions> options, ILogger<PeerForwarder> logger) : IDisposable
{
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
    });

    private readonly ForwarderRequestConfig _config = new() { ActivityTimeout = TimeSpan.FromMilliseconds(options.Value.MaxReadWaitMs + 10_000) };

    /// <summary>Answers the request with the owner's answer; 404 / 40403 when the owner cannot be reached (it has stopped).</summary>
    public async Task<IResult> ForwardAsync(HttpContext context, InstanceClaim owner)
    {
        var error = await forwarder.SendAsync(context, owner.OwnerUrl, _client, _config, new OwnerRunTransformer(owner.OwnerRun)).ConfigureAwait(false);
        if (error == ForwarderError.None)
        {
            ConsumerMetrics.Forward("answered");
            return Results.Empty;
        }

        var problem = context.Features.Get<IForwarderErrorFeature>()?.Exception?.Message ?? error.ToString();
        LogForwardFailed(logger, owner.Group, owner.Instance, owner.OwnerUrl, error.ToString(), problem);
        if (context.Response.HasStarted)
        {
            ConsumerMetrics.Forward("broken");
            return Results.Empty;
        }

        // A gateway that cannot be reached has stopped, and its instances with it: kafka-rest's answer for a lost instance.
        var gone = error is ForwarderError.Request or ForwarderError.RequestTimedOut;
        ConsumerMetrics.Forward(gone ? "owner gone" : "failed");
        context.Response.Headers.Clear();
        return new ErrorResult(gone ? ErrorCatalog.ConsumerInstanceNotFound() : ErrorCatalog.PeerUnreachable(error.ToString()));
    }

    public void Dispose() => _client.Dispose();

    [LoggerMessage(LogLevel.Warning, "Forwarding a request for consumer instance {Group}/{Instance} to {Owner} failed ({Error}): {Problem}")]
    private static partial void LogForwardFailed(ILogger logger, string group, string instance, string owner, string error, string problem);

    /// <summary>The client's request as it came (headers and all, but Host), plus the owner run it is meant for.</summary>
    private sealed class OwnerRunTransformer(string ownerRun) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(
            HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
            proxyRequest.Headers.Remove(PeerIdentity.OwnerRunHeader);
            proxyRequest.Headers.TryAddWithoutValidation(PeerIdentity.OwnerRunHeader, ownerRun);
        }
    }
}
