using System.Net;
using Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Admin.V3;

public sealed class PublicBaseUrlTests
{
    [Fact]
    public void ForwardedHeaders_FromATrustedProxy_NameThePublicUrl()
    {
        var request = Request("10.0.0.7", ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "api.example.com"), ("X-Forwarded-Prefix", "/prod"));

        Assert.Equal("https://api.example.com/prod", PublicBaseUrl.Of(request, new PublicUrlOptions { TrustedProxies = ["10.0.0.0/8"] }));
    }

    [Fact]
    public void ForwardedHeaders_FromAnyOtherPeer_AreIgnored()
    {
        var request = Request("192.0.2.1", ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "internal.example"));

        Assert.Equal("http://gateway.example:8082", PublicBaseUrl.Of(request, new PublicUrlOptions { TrustedProxies = ["10.0.0.7"] }));
    }

    [Fact]
    public void ForwardedHost_ThatIsNoHost_IsIgnoredEvenFromATrustedProxy()
    {
        var request = Request("10.0.0.7", ("X-Forwarded-Host", "evil.example/path?x=1"));

        Assert.Equal("http://gateway.example:8082", PublicBaseUrl.Of(request, new PublicUrlOptions { TrustedProxies = ["10.0.0.7"] }));
    }

    private static HttpRequest Request(string peer, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("gateway.example:8082");
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }
}
