using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Gateway.Kafka;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Admin.V3;

/// <summary>
/// v3 admin reads on the embedded cluster and, when <c>GATEWAY_TEST_KAFKA_BOOTSTRAP</c> names one (the
/// real-cluster profile), on a real cluster too: every answer is checked against kafka-rest's OpenAPI shapes.
/// </summary>
public sealed class AdminV3Tests
{
    public const string RealClusterVariable = "GATEWAY_TEST_KAFKA_BOOTSTRAP";
    private const string Base = "http://localhost";

    public static TheoryData<string> Clusters()
    {
        var clusters = new TheoryData<string> { "embedded" };
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RealClusterVariable)))
        {
            clusters.Add("real");
        }

        return clusters;
    }

    [Theory]
    [MemberData(nameof(Clusters))]
    public async Task ClusterBrokersTopicsPartitionsAndOffsets_HaveKafkaRestsShapesAndTheRealClusterId(string cluster)
    {
        using var factory = Gateway(cluster);
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        var produced = await ProduceAsync(client, topic, 5, partition: 0);

        var clusters = await GetAsync(client, "/v3/clusters");
        var id = clusters.GetProperty("data")[0].GetProperty("cluster_id").GetString()!;
        var v3 = $"/v3/clusters/{id}";
        foreach (var path in new[]
        {
            "/v3/clusters", v3, $"{v3}/brokers", $"{v3}/topics", $"{v3}/topics/{topic}", $"{v3}/topics/{topic}/partitions",
            $"{v3}/topics/{topic}/partitions/0", $"{v3}/topics/{topic}/partitions/0/replicas", $"{v3}/topics/{topic}/partitions/0/offset",
            $"{v3}/topics/{topic}/configs",
        })
        {
            OpenApiShapes.AssertShape(await GetAsync(client, path), Base);
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = factory.BootstrapServers }).Build();
        var brokers = admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Select(b => b.BrokerId).Order();
        Assert.Equal(brokers, (await GetAsync(client, $"{v3}/brokers")).GetProperty("data").EnumerateArray().Select(b => b.GetProperty("broker_id").GetInt32()));
        var broker = brokers.First();
        OpenApiShapes.AssertShape(await GetAsync(client, $"{v3}/brokers/{broker}"), Base);
        var offsets = await GetAsync(client, $"{v3}/topics/{topic}/partitions/0/offset?offset_type=earliest_and_latest");
        Assert.Equal(produced, offsets.GetProperty("latest_offset").GetInt64() - offsets.GetProperty("earliest_offset").GetInt64());
        var replicas = (await GetAsync(client, $"{v3}/topics/{topic}/partitions/0/replicas")).GetProperty("data");
        Assert.Single(replicas.EnumerateArray(), r => r.GetProperty("is_leader").GetBoolean());
        OpenApiShapes.AssertShape(await GetAsync(client, $"{v3}/topics/{topic}/partitions/0/replicas/{replicas[0].GetProperty("broker_id").GetInt32()}"), Base);
        Assert.Contains((await GetAsync(client, $"{v3}/topics")).GetProperty("data").EnumerateArray(), t => t.GetProperty("topic_name").GetString() == topic);
    }

    [Fact]
    public async Task ClusterId_IsTheIdKafkaGivesInItsMetadata_AndAnyOtherIs404()
    {
        using var factory = Gateway("embedded");
        var client = factory.CreateClient();

        var id = (await GetAsync(client, "/v3/clusters")).GetProperty("data")[0].GetProperty("cluster_id").GetString();

        Assert.StartsWith("mockCluster", id);
        var message = await Rest.AssertErrorAsync(await client.GetAsync("/v3/clusters/not-this-one/topics"), 404, 404);
        Assert.Equal("Cluster not-this-one cannot be found.", message);
        await Rest.AssertErrorAsync(await client.GetAsync($"/v3/clusters/{id}/topics/{TestTopics.Fresh()}"), 404, 40403);
        await Rest.AssertErrorAsync(await client.GetAsync($"/v3/clusters/{id}/brokers/999"), 404, 404);
    }

    [Fact]
    public async Task Configs_OnTheEmbeddedCluster_AreEmptyAndTheAnswerSaysWhy()
    {
        using var factory = Gateway("embedded");
        var client = factory.CreateClient();
        var id = await ClusterIdAsync(client);

        var response = await client.GetAsync($"/v3/clusters/{id}/brokers/1/configs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").EnumerateArray());
        Assert.Contains("DescribeConfigs", response.Headers.GetValues("X-Gateway-Unavailable").Single());
    }

    [Fact]
    public async Task ConsumerGroups_FromTheDirectoryAndCommittedOffsets_AnswerLagAsKafkaRestDefinesIt()
    {
        var topic = TestTopics.Fresh();
        var group = $"group-{Guid.NewGuid():N}";
        var directory = new FixedDirectory(new KnownConsumerGroup(group,
            [new KnownConsumer("member-1", "", "client-1", [new TopicPartition(topic, 0), new TopicPartition(topic, 1)])]));
        using var factory = Gateway("embedded", directory);
        var client = factory.CreateClient();
        await ProduceAsync(client, topic, 5, partition: 0);
        await ProduceAsync(client, topic, 2, partition: 1);
        Commit(factory.BootstrapServers, group, new TopicPartitionOffset(topic, 0, 2), new TopicPartitionOffset(topic, 1, 2));
        var v3 = $"/v3/clusters/{await ClusterIdAsync(client)}/consumer-groups";

        var listed = await client.GetAsync(v3);
        var lags = await GetAsync(client, $"{v3}/{group}/lags");
        var summary = await GetAsync(client, $"{v3}/{group}/lag-summary");

        Assert.Contains("ListGroups", listed.Headers.GetValues("X-Gateway-Unavailable").Single());
        var groups = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement;
        OpenApiShapes.AssertShape(groups, Base);
        Assert.Equal([group], groups.GetProperty("data").EnumerateArray().Select(g => g.GetProperty("consumer_group_id").GetString()));
        foreach (var path in new[] { $"{v3}/{group}", $"{v3}/{group}/consumers", $"{v3}/{group}/consumers/member-1", $"{v3}/{group}/consumers/member-1/assignments",
            $"{v3}/{group}/consumers/member-1/assignments/{topic}/partitions/1", $"{v3}/{group}/lags/{topic}/partitions/0" })
        {
            OpenApiShapes.AssertShape(await GetAsync(client, path), Base);
        }

        OpenApiShapes.AssertShape(lags, Base);
        OpenApiShapes.AssertShape(summary, Base);
        var byPartition = lags.GetProperty("data").EnumerateArray().ToDictionary(l => l.GetProperty("partition_id").GetInt32());
        Assert.Equal((2, 5, 3), (byPartition[0].GetProperty("current_offset").GetInt64(), byPartition[0].GetProperty("log_end_offset").GetInt64(), byPartition[0].GetProperty("lag").GetInt64()));
        Assert.Equal(0, byPartition[1].GetProperty("lag").GetInt64());
        Assert.Equal("member-1", byPartition[0].GetProperty("consumer_id").GetString());
        Assert.Equal("client-1", byPartition[0].GetProperty("client_id").GetString());
        Assert.Equal(3, summary.GetProperty("max_lag").GetInt64());
        Assert.Equal(3, summary.GetProperty("total_lag").GetInt64());
        Assert.Equal(0, summary.GetProperty("max_lag_partition_id").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Clusters))]
    public async Task GroupWithOnlyCommittedOffsets_IsKnownByItsOffsets_AndAnUnknownGroupIs404(string cluster)
    {
        var topic = TestTopics.Fresh();
        var group = $"offsets-only-{Guid.NewGuid():N}";
        using var factory = Gateway(cluster);
        var client = factory.CreateClient();
        await ProduceAsync(client, topic, 4, partition: 0);
        Commit(factory.BootstrapServers, group, new TopicPartitionOffset(topic, 0, 1));
        var v3 = $"/v3/clusters/{await ClusterIdAsync(client)}/consumer-groups";

        var lag = await GetAsync(client, $"{v3}/{group}/lags/{topic}/partitions/0");

        OpenApiShapes.AssertShape(await GetAsync(client, $"{v3}/{group}"), Base);
        Assert.Equal(3, lag.GetProperty("lag").GetInt64());
        Assert.Equal("", lag.GetProperty("consumer_id").GetString());
        var missing = $"nobody-{Guid.NewGuid():N}";
        Assert.Equal($"Consumer Group {missing} could not be found.", await Rest.AssertErrorAsync(await client.GetAsync($"{v3}/{missing}/lags"), 404, 404));
    }

    [Fact]
    public async Task Self_IsBuiltFromTheHostTheClientUsed_IgnoringForwardedHeadersFromUntrustedPeers()
    {
        using var factory = Gateway("embedded");
        var client = factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v3/clusters");
        request.Headers.Host = "kafka-api.example.com:8443";
        request.Headers.Add("X-Forwarded-Host", "internal.evil");

        var answer = JsonDocument.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("http://kafka-api.example.com:8443/v3/clusters", answer.GetProperty("metadata").GetProperty("self").GetString());
    }

    [Fact]
    public async Task Self_UsesTheConfiguredPublicBaseUrl()
    {
        using var factory = Gateway("embedded", settings: new Dictionary<string, string?> { ["PublicUrl:BaseUrl"] = "https://abc.execute-api.eu-west-1.amazonaws.com/prod/" });
        var client = factory.CreateClient();

        var answer = await GetAsync(client, "/v3/clusters");

        OpenApiShapes.AssertShape(answer, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
    }

    [Fact]
    public async Task AdminReads_NeedTheAdminPermission()
    {
        using var factory = Gateway("embedded", settings: new Dictionary<string, string?>
        {
            ["Security:AllowAnonymous"] = "false",
            ["Security:ApiKeys:producer:Sha256"] = Sha256("producer-key"),
            ["Security:ApiKeys:producer:Topics:0"] = ".*",
            ["Security:ApiKeys:operator:Sha256"] = Sha256("operator-key"),
            ["Security:ApiKeys:operator:Admin"] = "true",
        });
        var client = factory.CreateClient();

        await Rest.AssertErrorAsync(await GetWithKeyAsync(client, "producer-key"), 403, 40301);
        Assert.Equal(HttpStatusCode.OK, (await GetWithKeyAsync(client, "operator-key")).StatusCode);
        await Rest.AssertErrorAsync(await client.GetAsync("/v3/clusters"), 401, 401);
    }

    private static Task<HttpResponseMessage> GetWithKeyAsync(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v3/clusters");
        request.Headers.Add("X-API-Key", key);
        return client.SendAsync(request);
    }

    private static string Sha256(string key) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static GatewayFactory Gateway(string cluster, IConsumerGroupDirectory? directory = null, IDictionary<string, string?>? settings = null)
    {
        var all = ShippedGateway.Shipped(settings);
        if (cluster == "real")
        {
            all["Kafka:BootstrapServers"] = Environment.GetEnvironmentVariable(RealClusterVariable);
        }

        var factory = new GatewayFactory(all);
        return directory is null ? factory : factory.WithServices(services => services.AddSingleton(directory));
    }

    private static async Task<string> ClusterIdAsync(HttpClient client) =>
        (await GetAsync(client, "/v3/clusters")).GetProperty("data")[0].GetProperty("cluster_id").GetString()!;

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<int> ProduceAsync(HttpClient client, string topic, int count, int partition)
    {
        var body = string.Concat(Enumerable.Range(0, count).Select(i => $$$"""{"partition_id":{{{partition}}},"value":{"type":"STRING","data":"r{{{i}}}"}}"""));
        var answers = await RestV3.LinesAsync(await RestV3.PostAsync(client, RestV3.Records(topic), body));
        Assert.All(answers, a => Assert.Equal(200, RestV3.Code(a)));
        return answers.Count;
    }

    /// <summary>Commits offsets for a group with a plain Confluent.Kafka consumer, as any Kafka client would.</summary>
    private static void Commit(string bootstrap, string group, params TopicPartitionOffset[] offsets)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = group, EnableAutoCommit = false }).Build();
        consumer.Commit(offsets);
    }

    private sealed class FixedDirectory(params KnownConsumerGroup[] groups) : IConsumerGroupDirectory
    {
        public IReadOnlyList<KnownConsumerGroup> Groups() => groups;
    }
}
