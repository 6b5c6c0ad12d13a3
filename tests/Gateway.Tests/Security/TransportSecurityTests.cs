using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Kafka.Embedded;
using Gateway.Tests.Support;

namespace Gateway.Tests.Security;

/// <summary>HTTPS with a configured certificate, and CORS only for configured origins.</summary>
public sealed class TransportSecurityTests
{
    [Fact]
    public async Task ConfiguredCertificate_ServesHttps()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"gateway-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
        }

        try
        {
            using var cluster = new EmbeddedKafkaCluster(1);
            var port = System.Net.Sockets.TcpListener.Create(0) is var listener ? Port(listener) : 0;
            using var gateway = await GatewayProcess.StartAsync(cluster.BootstrapServers, new Dictionary<string, string>
            {
                ["Kestrel__Endpoints__Https__Url"] = $"https://127.0.0.1:{port}",
                ["Kestrel__Endpoints__Https__Certificate__Path"] = pfx,
                ["Kestrel__Endpoints__Https__Certificate__Password"] = "test-password",
            });
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Subject == "CN=localhost" };
            using var client = new HttpClient(handler);

            var live = await client.GetAsync(new Uri($"https://127.0.0.1:{port}/health/live"));

            Assert.Equal(200, (int)live.StatusCode);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task Cors_IsOffByDefault_AndAnswersConfiguredOriginsOnly()
    {
        using var off = new GatewayFactory();
        using var on = new GatewayFactory(new Dictionary<string, string?> { ["Security:CorsOrigins:0"] = "https://console.example" });

        var withoutCors = await Preflight(off.CreateClient(), "https://console.example");
        var allowed = await Preflight(on.CreateClient(), "https://console.example");
        var other = await Preflight(on.CreateClient(), "https://evil.example");

        Assert.False(withoutCors.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("https://console.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static Task<HttpResponseMessage> Preflight(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, $"/topics/{TestTopics.Fresh()}");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return client.SendAsync(request);
    }

    private static int Port(System.Net.Sockets.TcpListener listener)
    {
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
