using System.Net;
using Microsoft.Extensions.Options;

namespace Gateway.Consume;

/// <summary>
/// The address clients used, for <c>base_uri</c>: <c>Consumers:PublicBaseUrl</c> when set; otherwise the
/// request's scheme and <c>Host</c>, replaced by <c>X-Forwarded-Proto</c>, <c>-Host</c> and <c>-Prefix</c>
/// only when the request came straight from a proxy in <c>Consumers:TrustedProxies</c>. Never the
/// address peers use (<c>Cluster:AdvertisedUrl</c>), so clients stay behind API Gateway.
/// </summary>
internal sealed class PublicAddress(IOptions<ConsumeOptions> options)
{
    private readonly string _configured = options.Value.PublicBaseUrl.TrimEnd('/');
    private readonly (IPAddress? Address, IPNetwork? Network)[] _trusted = options.Value.TrustedProxies
        .Select(p => IPAddress.TryParse(p, out var address) ? (address, (IPNetwork?)null) : (null, IPNetwork.Parse(p)))
        .ToArray();

    public string InstanceUri(HttpRequest request, string group, string instance) =>
        $"{BaseOf(request)}/consumers/{Uri.EscapeDataString(group)}/instances/{Uri.EscapeDataString(instance)}";

    private string BaseOf(HttpRequest request)
    {
        if (_configured.Length > 0)
        {
            return _configured;
        }

        var scheme = request.Scheme;
        var host = request.Host.Value ?? "";
        var prefix = request.PathBase.Value ?? "";
        if (IsTrusted(request.HttpContext.Connection.RemoteIpAddress))
        {
            scheme = First(request.Headers["X-Forwarded-Proto"]) is { } proto && proto is "http" or "https" ? proto : scheme;
            host = First(request.Headers["X-Forwarded-Host"]) is { Length: > 0 } forwardedHost && Uri.CheckHostName(forwardedHost.Split(':')[0]) != UriHostNameType.Unknown
                ? forwardedHost
                : host;
            prefix = First(request.Headers["X-Forwarded-Prefix"]) is { } forwardedPrefix && forwardedPrefix.StartsWith('/') ? forwardedPrefix.TrimEnd('/') : prefix;
        }

        return $"{scheme}://{host}{prefix}";
    }

    private bool IsTrusted(IPAddress? remote)
    {
        if (remote is null)
        {
            return false;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        return _trusted.Any(t => t.Address?.Equals(remote) == true || t.Network?.Contains(remote) == true);
    }

    /// <summary>The first of comma-separated values: the hop closest to the client.</summary>
    private static string? First(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 ? null : values[0]?.Split(',')[0].Trim();
}
