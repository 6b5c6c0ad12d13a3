using Gateway.Tests.Support;

namespace Gateway.Tests.Produce;

/// <summary>Behaviour that depends on configuration: auto-creation off, the body limit, bad settings.</summary>
public sealed class ProduceSettingsTests
{
    [Fact]
    public async Task AutoCreationOff_UnknownTopic_Is40401_AndTopicIsNotCreated()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Kafka:AutoCreateTopics"] = "false" });
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();

        await Rest.AssertErrorAsync(await Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":1}]}"""), 404, 40401);
        await Rest.AssertErrorAsync(await client.GetAsync($"/topics/{topic}"), 404, 40403);
    }

    [Fact]
    public async Task AutoCreationOff_ExistingTopic_IsProducedTo()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Kafka:AutoCreateTopics"] = "false" });
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        factory.Cluster.CreateTopic(topic, 2, 3);

        var response = await Rest.PostAsync(client, $"/topics/{topic}/partitions/1", """{"records":[{"value":1}]}""");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(1, Assert.Single(KafkaReader.ReadAll(factory.BootstrapServers, topic)).Partition);
    }

    [Fact]
    public async Task ManyFirstRequestsToANewTopicAtOnce_AllProduced()
    {
        using var factory = new GatewayFactory();
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();

        var answers = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Rest.PostAsync(client, $"/topics/{topic}", $$"""{"records":[{"value":{{i}}}]}""")));

        Assert.All(answers, a => Assert.Equal(200, (int)a.StatusCode));
        Assert.Equal(32, KafkaReader.ReadAll(factory.BootstrapServers, topic).Count);
    }

    [Fact]
    public async Task ConfiguredPartitionCount_IsUsedForCreatedTopics()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Kafka:DefaultPartitions"] = "5" });
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        await Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":1}]}""");

        Assert.Equal(5, (await Rest.JsonAsync(await client.GetAsync($"/topics/{topic}/partitions"))).GetArrayLength());
    }

    [Fact]
    public async Task TopicCreationRefusedByTheCluster_SaysCreationFailed_NotThatKafkaIsUnreachable()
    {
        // As a configured cluster the embedded brokers refuse CreateTopics, as a cluster with no admin API would.
        using var cluster = new Gateway.Kafka.Embedded.EmbeddedKafkaCluster(1);
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = cluster.BootstrapServers });
        var topic = TestTopics.Fresh();

        var message = await Rest.AssertErrorAsync(await Rest.PostAsync(factory.CreateClient(), $"/topics/{topic}", """{"records":[{"value":1}]}"""), 503, 50302);

        Assert.Contains($"Topic {topic} does not exist and creating it failed", message, StringComparison.Ordinal);
        Assert.DoesNotContain("not reachable", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverLimit_Is413_NothingProduced()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Produce:MaxBodyBytes"] = "2048" });
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        var big = $$"""{"records":[{"value":"{{new string('x', 3000)}}"}]}""";

        await Rest.AssertErrorAsync(await Rest.PostAsync(client, $"/topics/{topic}", big), 413, 413);
        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":"small"}]}""")).StatusCode);
        Assert.Single(KafkaReader.ReadAll(factory.BootstrapServers, topic));
    }

    [Fact]
    public void ProducerPropertyLibrdkafkaRefuses_StopsStartUp_NamingIt()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Kafka:Producer:linger.ms"] = "soon" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Kafka:Producer", error.Message, StringComparison.Ordinal);
        Assert.Contains("linger.ms", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProducerProperty_FromConfiguration_ReachesLibrdkafka()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Kafka:Producer:compression.type"] = "gzip" });
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();

        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":"compressed"}]}""")).StatusCode);
        Assert.Equal("\"compressed\"", System.Text.Encoding.UTF8.GetString(Assert.Single(KafkaReader.ReadAll(factory.BootstrapServers, topic)).Value!));
    }

    [Theory]
    [InlineData("Kafka:DefaultPartitions", "0")]
    [InlineData("Kafka:BootstrapServers", "no-port-here")]
    [InlineData("Kafka:DeliveryTimeoutMs", "10")]
    [InlineData("Kafka:LingerFromRecordsInFlight", "-1")]
    [InlineData("Kafka:Producer:acks", "1")]
    [InlineData("Produce:MaxBodyBytes", "1")]
    public void BadSetting_StopsStartUp_NamingTheKey(string key, string value)
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { [key] = value });

        var error = StartUp.Fails(() => factory.CreateClient());
        Assert.Contains(key, error, StringComparison.Ordinal);
    }
}
