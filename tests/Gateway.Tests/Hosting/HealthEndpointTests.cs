using Gateway.Tests.Support;

namespace Gateway.Tests.Hosting;

/// <summary>Liveness and readiness as a load balancer sees them.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Ready_OnEmbeddedCluster_Is200WithBrokers()
    {
        using var factory = new GatewayFactory();
        var client = factory.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await Rest.ReadyAsync(client);

        Assert.Equal(200, (int)live.StatusCode);
        Assert.Equal(3, (await Rest.JsonAsync(ready)).GetProperty("brokers").GetInt32());
    }

    [Fact]
    public async Task Ready_AllBrokersDown_Is503_AndLiveStays200_ThenRecovers()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Kafka:MetadataTimeoutMs"] = "1000" });
        var client = factory.CreateClient();
        await Rest.ReadyAsync(client);

        for (var broker = 1; broker <= 3; broker++)
        {
            factory.Cluster.SetBrokerDown(broker);
        }

        var down = await client.GetAsync("/health/ready");
        Assert.Equal(503, (int)down.StatusCode);
        Assert.Contains("Kafka did not answer", (await Rest.JsonAsync(down)).GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, (int)(await client.GetAsync("/health/live")).StatusCode);

        for (var broker = 1; broker <= 3; broker++)
        {
            factory.Cluster.SetBrokerUp(broker);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((int)(await client.GetAsync("/health/ready")).StatusCode != 200)
        {
            Assert.True(DateTime.UtcNow < deadline, "readiness did not recover within 30 s of the brokers returning");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Ready_MskIamWithoutCredentials_Is503NamingTheToken()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Kafka:Security:Mode"] = "AwsMskIam",
            ["Kafka:Security:AwsRegion"] = "us-east-1",
        }).WithCredentials(new Gateway.Tests.Kafka.Security.MskIamTokenProviderTests.MissingCredentials());
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(503, (int)ready.StatusCode);
        Assert.Contains("MSK IAM token", (await Rest.JsonAsync(ready)).GetProperty("problem").GetString(), StringComparison.Ordinal);
    }
}
