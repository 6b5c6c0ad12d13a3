using Gateway.Http;
using Microsoft.Extensions.Options;

namespace Gateway.Consume;

/// <summary>
/// <c>base_uri</c>: the public base URL of the request (<c>PublicUrl:BaseUrl</c>, or the request's own
/// address with <c>X-Forwarded-*</c> believed only from <c>PublicUrl:TrustedProxies</c>), the same one
/// v3 links use. Never the address peers use (<c>Cluster:AdvertisedUrl</c>), so clients stay behind API Gateway.
/// </summary>
internal sealed class PublicAddress(IOptions<PublicUrlOptions> options)
{
    public string InstanceUri(HttpRequest request, string group, string instance) =>
        $"{PublicBaseUrl.Of(request, options.Value)}/consumers/{Uri.EscapeDataString(group)}/instances/{Uri.EscapeDataString(instance)}";
}
