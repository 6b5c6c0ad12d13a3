using Gateway.Tests.Support;
using static Gateway.Tests.Support.Credentials;

namespace Gateway.Tests.Security;

/// <summary>
/// Without configuration the gateway is closed: no anonymous callers, unbound topics refused, no topics
/// created. The shipped configuration is found beside the application, and anonymous access to a real
/// cluster has to be asked for.
/// </summary>
public sealed class ClosedByDefaultTests
{
    private const string Key = "closed-key-0123456789abcdef0000";

    [Fact]
    public async Task CodeDefaults_RefuseCallersWithoutCredentials()
    {
        using var factory = GatewayFactory.WithCodeDefaults();

        await Rest.AssertErrorAsync(await ProduceAsync(factory.CreateClient(), TestTopics.Fresh()), 401, 401);
    }

    [Fact]
    public async Task CodeDefaults_RefuseUnboundTopics_AndCreateNoTopic()
    {
        var bound = TestTopics.Fresh("pin");
        using var factory = GatewayFactory.WithCodeDefaults(new Dictionary<string, string?>
        {
            ["Security:ApiKeys:app:Sha256"] = Sha256(Key),
            ["Security:ApiKeys:app:Topics:0"] = ".*",
            ["Schemas:Bindings:pin:Topic"] = bound,
            ["Schemas:Bindings:pin:Schema"] = "schemas/pinterest/pin.schema.json",
        });
        var client = factory.CreateClient();

        var unbound = await Rest.AssertErrorAsync(await ProduceAsync(client, TestTopics.Fresh(), ApiKey(Key)), 404, 40401);
        var notCreated = await Rest.AssertErrorAsync(await SendAsync(client, HttpMethod.Post, $"/topics/{bound}", PinRow, ApiKey(Key)), 404, 40401);

        Assert.Contains("not bound to a schema", unbound, StringComparison.Ordinal);
        Assert.Contains("not found", notCreated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousCallers_CreateNoTopic_UnlessAnonymousMayCreateTopics()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Security:AllowAnonymous"] = "true",
            ["Security:AnonymousTopics:0"] = ".*",
            ["Security:ApiKeys:app:Sha256"] = Sha256(Key),
            ["Security:ApiKeys:app:Topics:0"] = ".*",
            ["Schemas:UnboundTopics"] = "Accept",
            ["Kafka:AutoCreateTopics"] = "true",
        };
        using var closed = GatewayFactory.WithCodeDefaults(settings);
        using var open = GatewayFactory.WithCodeDefaults(new Dictionary<string, string?>(settings) { ["Security:AnonymousMayCreateTopics"] = "true" });

        await Rest.AssertErrorAsync(await ProduceAsync(closed.CreateClient(), TestTopics.Fresh()), 404, 40401);
        Assert.Equal(200, (int)(await ProduceAsync(closed.CreateClient(), TestTopics.Fresh(), ApiKey(Key))).StatusCode);
        Assert.Equal(200, (int)(await ProduceAsync(open.CreateClient(), TestTopics.Fresh())).StatusCode);
    }

    [Fact]
    public void AnonymousAccess_ToAConfiguredKafkaCluster_StopsStartUp_UnlessAskedFor()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Security:AllowAnonymousWithExternalKafka"] = "false",
        });

        var message = StartUp.Fails(() => factory.Services);

        Assert.Contains("Security:AllowAnonymousWithExternalKafka", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShippedConfiguration_IsFoundBesideTheApplication_WhateverTheWorkingDirectory()
    {
        using var cluster = new Gateway.Kafka.Embedded.EmbeddedKafkaCluster(1);
        var topic = TestTopics.Fresh("user");
        cluster.CreateTopic(topic, 1, 1);
        var elsewhere = Directory.CreateTempSubdirectory("gateway-cwd-");
        try
        {
            using var gateway = await GatewayProcess.StartAsync(cluster.BootstrapServers, workingDirectory: elsewhere.FullName);

            // The shipped configuration binds .user topics to the user schema, so a row that does not match is refused.
            var answer = await Rest.PostAsync(gateway.Client, $"/topics/{topic}", """{"records":[{"value":{"index":1}}]}""");
            await Rest.AssertErrorAsync(answer, 422, 42210);
            Assert.Empty(KafkaReader.ReadAll(cluster.BootstrapServers, topic));
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    private static string PinRow => $$"""{"records":[{"value":{{PinterestRows.Lines("pin")[0]}}}]}""";
}
