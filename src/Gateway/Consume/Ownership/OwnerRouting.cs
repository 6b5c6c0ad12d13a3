using Confluent.Kafka;
using Gateway.Consume.Instances;
using Gateway.Http;
using Gateway.Security;

namespace Gateway.Consume.Ownership;

/// <summary>
/// Finds the instance a request names: here, it runs the endpoint (only for the caller that created it);
/// owned by another gateway, the request is forwarded there; otherwise 404 / 40403. A request already
/// forwarded to this gateway is never forwarded again.
/// </summary>
internal sealed class OwnerRouting(ConsumerInstances instances, InstanceDirectory directory, PeerForwarder forwarder, PeerIdentity self)
    : IEndpointFilter
{
    private const string InstanceItem = "gateway.consumer-instance";

    /// <summary>The instance the request is for, found by this filter.</summary>
    public static ConsumerInstance InstanceOf(HttpContext context) => (ConsumerInstance)context.Items[InstanceItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var group = context.Request.RouteValues["group"] as string ?? "";
        var name = context.Request.RouteValues["instance"] as string ?? "";
        var caller = context.Items[ClientSecurityMiddleware.CallerItem] as Caller;
        if (instances.Find(group, name) is { } local)
        {
            if (local.Settings.Owner != caller?.Name)
            {
                return NotFound();
            }

            local.Touch();
            context.Items[InstanceItem] = local;
            return await next(invocation).ConfigureAwait(false);
        }

        if (context.Request.Headers.ContainsKey(PeerIdentity.OwnerRunHeader))
        {
            // Sent here by a peer that believed this gateway owns the instance: it no longer does.
            return NotFound();
        }

        InstanceClaim? owner;
        try
        {
            owner = await directory.FindAsync(group, name).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KafkaException or TimeoutException)
        {
            return new ErrorResult(ErrorCatalog.ClusterUnavailable($"the consumer instance directory did not answer: {e.Message}"));
        }

        if (owner is null || owner.OwnerRun == self.Run || owner.OwnerUrl.Length == 0)
        {
            return NotFound();
        }

        return await forwarder.ForwardAsync(context, owner).ConfigureAwait(false);
    }

    private static ErrorResult NotFound() => new(ErrorCatalog.ConsumerInstanceNotFound());
}
