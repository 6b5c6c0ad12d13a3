using System.Text.Json;
using Gateway.Tests.Support;

namespace Gateway.Tests.Admin.V2;

/// <summary>kafka-rest v2 metadata answers, read from the embedded cluster.</summary>
[Collection(SharedGatewayGroup.Name)]
public sealed class MetadataEndpointTests(SharedGateway gateway)
{
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    private async Task<string> ExistingTopicAsync()
    {
        var topic = TestTopics.Fresh();
        Assert.Equal(200, (int)(await Rest.PostAsync(_client, $"/topics/{topic}", """{"records":[{"value":1}]}""")).StatusCode);
        return topic;
    }

    [Fact]
    public async Task ListTopics_IncludesTopicsProducedTo()
    {
        var topic = await ExistingTopicAsync();
        var response = await _client.GetAsync("/topics");

        Assert.Equal("application/vnd.kafka.v2+json", response.Content.Headers.ContentType?.MediaType);
        var names = (await Rest.JsonAsync(response)).EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Contains(topic, names);
    }

    [Fact]
    public async Task GetTopic_HasNameConfigsAndThreePartitionsWithReplicas()
    {
        var topic = await ExistingTopicAsync();
        var json = await Rest.JsonAsync(await _client.GetAsync($"/topics/{topic}"));

        Assert.Equal(["name", "configs", "partitions"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(topic, json.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("configs").ValueKind);
        var partitions = json.GetProperty("partitions").EnumerateArray().ToArray();
        Assert.Equal([0, 1, 2], partitions.Select(p => p.GetProperty("partition").GetInt32()));
        foreach (var partition in partitions)
        {
            var leader = partition.GetProperty("leader").GetInt32();
            var replicas = partition.GetProperty("replicas").EnumerateArray().ToArray();
            Assert.Equal(3, replicas.Length);
            Assert.Single(replicas, r => r.GetProperty("leader").GetBoolean());
            Assert.Equal(leader, replicas.Single(r => r.GetProperty("leader").GetBoolean()).GetProperty("broker").GetInt32());
            Assert.All(replicas, r => Assert.True(r.GetProperty("in_sync").GetBoolean()));
        }
    }

    [Fact]
    public async Task GetPartitions_AndOnePartition_MatchTheTopic()
    {
        var topic = await ExistingTopicAsync();
        var all = await Rest.JsonAsync(await _client.GetAsync($"/topics/{topic}/partitions"));
        var one = await Rest.JsonAsync(await _client.GetAsync($"/topics/{topic}/partitions/1"));

        Assert.Equal(3, all.GetArrayLength());
        Assert.Equal(all[1].GetRawText(), one.GetRawText());
        Assert.Equal(["partition", "leader", "replicas"], one.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task UnknownTopic_Is40403_UnknownPartition_Is40402()
    {
        var topic = await ExistingTopicAsync();

        await Rest.AssertErrorAsync(await _client.GetAsync($"/topics/{TestTopics.Fresh()}"), 404, 40403);
        await Rest.AssertErrorAsync(await _client.GetAsync($"/topics/{TestTopics.Fresh()}/partitions"), 404, 40403);
        await Rest.AssertErrorAsync(await _client.GetAsync($"/topics/{topic}/partitions/7"), 404, 40402);
    }

    [Fact]
    public async Task Brokers_AreTheThreeEmbeddedBrokers()
    {
        Assert.Equal("""{"brokers":[1,2,3]}""", await (await _client.GetAsync("/brokers")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Root_AnswersEmptyObject()
    {
        Assert.Equal("{}", await (await _client.GetAsync("/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SwaggerUi_IsServedWithoutCdn_AndDocumentsProduceExamples()
    {
        var page = await (await _client.GetAsync("/swagger/index.html")).Content.ReadAsStringAsync();
        var document = await Rest.JsonAsync(await _client.GetAsync("/swagger/v1/swagger.json"));

        Assert.Contains("swagger-ui", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        var content = document.GetProperty("paths").GetProperty("/topics/{topic}").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        var examples = content.GetProperty("application/vnd.kafka.json.v2+json").GetProperty("examples");
        Assert.Equal(["pin", "geo", "user"], examples.EnumerateObject().Select(p => p.Name));
        Assert.True(content.TryGetProperty("application/vnd.kafka.binary.v2+json", out _));
    }
}
