using System.Net;
using System.Text.RegularExpressions;

namespace Gateway.Http;

/// <summary>The <c>PublicUrl</c> section: how the gateway names itself in the URLs it answers with.</summary>
public sealed class PublicUrlOptions
{
    public const string Section = "PublicUrl";

    /// <summary>
    /// The base URL clients use, e.g. <c>https://abc.execute-api.eu-west-1.amazonaws.com/prod</c>. Empty
    /// builds it from the request: its scheme, <c>Host</c> and path base, and <c>X-Forwarded-Proto</c>,
    /// <c>X-Forwarded-Host</c> and <c>X-Forwarded-Prefix</c> only when the request came from a trusted proxy.
    /// </summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Addresses or CIDR ranges of the proxies whose <c>X-Forwarded-*</c> headers are believed.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    private IPNetwork[]? _trusted;

    internal bool Trusts(IPAddress? peer)
    {
        if (peer is null)
        {
            return false;
        }

        _trusted ??= [.. TrustedProxies.Select(PublicBaseUrl.ParseNetwork).OfType<IPNetwork>()];
        var address = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        return _trusted.Any(n => n.Contains(address));
    }
}

/// <summary>
/// The public base URL of a request: what a client must put before <c>/v3/...</c> to reach this
/// gateway the way it just did. Never an internal host unless the client itself used one.
/// </summary>
internal static partial class PublicBaseUrl
{
    public static string Of(HttpRequest request, PublicUrlOptions options)
    {
        if (options.BaseUrl.Length > 0)
        {
            return options.BaseUrl.TrimEnd('/');
        }

        var scheme = request.Scheme;
        var host = request.Host.Value ?? "localhost";
        var prefix = request.PathBase.Value ?? "";
        if (options.Trusts(request.HttpContext.Connection.RemoteIpAddress))
        {
            if (First(request, "X-Forwarded-Proto") is { } proto && proto is "http" or "https")
            {
                scheme = proto;
            }

            if (First(request, "X-Forwarded-Host") is { } forwardedHost && HostText().IsMatch(forwardedHost))
            {
                host = forwardedHost;
            }

            if (First(request, "X-Forwarded-Prefix") is { } forwardedPrefix && PrefixText().IsMatch(forwardedPrefix))
            {
                prefix = forwardedPrefix.TrimEnd('/') + prefix;
            }
        }

        return $"{scheme}://{host}{prefix}";
    }

    /// <summary>An address (a network of one) or a CIDR range; null when it is neither.</summary>
    public static IPNetwork? ParseNetwork(string text)
    {
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(text, out var address) ? new IPNetwork(address, address.GetAddressBytes().Length * 8) : null;
    }

    /// <summary>The first (client-most) value of a forwarding header, which a chain of proxies appends to.</summary>
    private static string? First(HttpRequest request, string header) =>
        request.Headers[header].FirstOrDefault()?.Split(',')[0].Trim() is { Length: > 0 } value ? value : null;

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")]
    private static partial Regex HostText();

    [GeneratedRegex(@"^(/[A-Za-z0-9._~\-]+)+/?$")]
    private static partial Regex PrefixText();
}
