using Gateway.Kafka.Security;
using Gateway.Tests.Support;
using static Gateway.Tests.Support.Credentials;

namespace Gateway.Tests.Security;

/// <summary>
/// /metrics, /swagger and the detail of /health/ready are for operators: with authentication on they
/// need it (metrics: the admin view), or they move to a management listener on a private address.
/// /health/live and the bare status of /health/ready stay open.
/// </summary>
public sealed class OperationsEndpointTests
{
    private const string Secret = "api-gateway-shared-secret-value";
    private const string TenantKey = "tenant-key-0123456789abcdef0000";
    private const string OperatorKey = "operator-key-0123456789abcdef00";
    private const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";

    private static Dictionary<string, string?> Locked(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Security:AllowAnonymous"] = "false",
            ["Security:ApiKeys:tenant:Sha256"] = Sha256(TenantKey),
            ["Security:ApiKeys:tenant:Topics:0"] = ".*",
            ["Security:ApiKeys:operator:Sha256"] = Sha256(OperatorKey),
            ["Security:ApiKeys:operator:Admin"] = "true",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/swagger/index.html")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task OperationsEndpoints_NeedTheSharedSecretAndCredentials(string path)
    {
        using var factory = new GatewayFactory(Locked(("Security:SharedSecret:Value", Secret)));
        var client = factory.CreateClient();

        await Rest.AssertErrorAsync(await client.GetAsync(path), 401, 401);
        await Rest.AssertErrorAsync(await GetAsync(client, path, ApiKey(OperatorKey)), 401, 401);
        await Rest.AssertErrorAsync(await GetAsync(client, path, ("X-Gateway-Secret", Secret)), 401, 401);
        Assert.Equal(200, (int)(await GetAsync(client, path, ("X-Gateway-Secret", Secret), ApiKey(OperatorKey))).StatusCode);
    }

    [Fact]
    public async Task Metrics_NeedTheAdminView_BecauseTheyNameEveryTenantsTopics()
    {
        using var factory = new GatewayFactory(Locked());
        var client = factory.CreateClient();

        await Rest.AssertErrorAsync(await GetAsync(client, "/metrics", ApiKey(TenantKey)), 403, 40301);
        Assert.Equal(200, (int)(await GetAsync(client, "/metrics", ApiKey(OperatorKey))).StatusCode);
        Assert.Equal(200, (int)(await GetAsync(client, "/swagger/index.html", ApiKey(TenantKey))).StatusCode);
    }

    [Fact]
    public async Task Health_LiveAndBareReadyStatus_StayOpen_TheReasonGoesOnlyToCallersAndTheLog()
    {
        var logs = new CapturedLogs();
        using var factory = new GatewayFactory(Locked(
            ("Security:SharedSecret:Value", Secret), ("Kafka:BootstrapServers", "127.0.0.1:1"),
            ("Kafka:Security:Mode", "AwsMskIam"), ("Kafka:Security:AwsRegion", "us-east-1")))
            .WithCredentials(new Gateway.Tests.Kafka.Security.MskIamTokenProviderTests.MissingCredentials()).WithLogs(logs);
        var client = factory.CreateClient();

        var live = await client.GetAsync("/health/live");
        var open = await client.GetAsync("/health/ready");
        var detailed = await GetAsync(client, "/health/ready", ("X-Gateway-Secret", Secret), ApiKey(OperatorKey));

        Assert.Equal(200, (int)live.StatusCode);
        Assert.Equal(503, (int)open.StatusCode);
        var bare = await Rest.JsonAsync(open);
        Assert.Equal("not ready", bare.GetProperty("status").GetString());
        Assert.False(bare.TryGetProperty("problem", out _), bare.ToString());
        Assert.Contains("MSK IAM token", (await Rest.JsonAsync(detailed)).GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.Contains("not ready", StringComparison.Ordinal) && l.Contains("MSK IAM token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ready_WithMskIam_NeverShowsTheAccessKeyId()
    {
        var expiring = new AwsCredentials(AccessKeyId, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null, DateTimeOffset.UtcNow.AddSeconds(5));
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Kafka:Security:Mode"] = "AwsMskIam",
            ["Kafka:Security:AwsRegion"] = "us-east-1",
        }).WithCredentials(new Gateway.Tests.Kafka.Security.MskIamTokenProviderTests.FixedCredentials(expiring));
        var client = factory.CreateClient();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string body;
        do
        {
            body = await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync();
        }
        while (!body.Contains("expire", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Delay());

        Assert.Contains("expire", body, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessKeyId, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManagementListener_ServesOperationsPrivately_ThePublicPortDoesNot()
    {
        using var cluster = new Gateway.Kafka.Embedded.EmbeddedKafkaCluster(1);
        var management = GatewayProcess.FreePort();
        using var gateway = await GatewayProcess.StartAsync(cluster.BootstrapServers, new Dictionary<string, string>
        {
            ["Security__AllowAnonymous"] = "false",
            ["Security__ApiKeys__operator__Sha256"] = Sha256(OperatorKey),
            ["Security__ApiKeys__operator__Admin"] = "true",
            ["Kestrel__Endpoints__Management__Url"] = $"http://127.0.0.1:{management}",
        });
        using var operations = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management}") };

        await Rest.AssertErrorAsync(await GetAsync(gateway.Client, "/metrics", ApiKey(OperatorKey)), 404, 404);
        await Rest.AssertErrorAsync(await GetAsync(gateway.Client, "/swagger/index.html", ApiKey(OperatorKey)), 404, 404);
        var publicReady = await Rest.JsonAsync(await GetAsync(gateway.Client, "/health/ready", ApiKey(OperatorKey)));
        Assert.False(publicReady.TryGetProperty("brokers", out _), publicReady.ToString());
        Assert.Equal(200, (int)(await gateway.Client.GetAsync("/health/live")).StatusCode);

        Assert.Equal(200, (int)(await operations.GetAsync("/metrics")).StatusCode);
        Assert.Equal(200, (int)(await operations.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(1, (await Rest.JsonAsync(await operations.GetAsync("/health/ready"))).GetProperty("brokers").GetInt32());
        await Rest.AssertErrorAsync(await operations.GetAsync("/topics"), 404, 404);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
