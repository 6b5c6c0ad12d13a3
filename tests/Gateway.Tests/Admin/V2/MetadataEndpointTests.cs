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

    [Fact]
    public async Task PartitionOffsets_AreTheEarliestAndLatest_ExactlyAsKafkaRestWritesThem()
    {
        var topic = TestTopics.Fresh();
        Assert.Equal(200, (int)(await Rest.PostAsync(_client, $"/topics/{topic}/partitions/1", """{"records":[{"value":1},{"value":2},{"value":3}]}""")).StatusCode);

        var busy = await _client.GetAsync($"/topics/{topic}/partitions/1/offsets");
        var idle = await _client.GetAsync($"/topics/{topic}/partitions/0/offsets");

        Assert.Equal("""{"beginning_offset":0,"end_offset":3}""", await busy.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.kafka.v2+json", busy.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"beginning_offset":0,"end_offset":0}""", await idle.Content.ReadAsStringAsync());
        await Rest.AssertErrorAsync(await _client.GetAsync($"/topics/{topic}/partitions/7/offsets"), 404, 40402);
        await Rest.AssertErrorAsync(await _client.GetAsync($"/topics/{TestTopics.Fresh()}/partitions/0/offsets"), 404, 40403);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("""{"a":"b","n":1,"t":true,"z":null}""")]
    public async Task PostRoot_WithAMapOrNothing_EchoesAnEmptyObject(string? body)
    {
        var response = await Rest.PostAsync(_client, "/", body, "application/vnd.kafka.v2+json");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("[]", 422)]
    [InlineData("\"text\"", 422)]
    [InlineData("""{"a":{"b":1}}""", 422)]
    [InlineData("{", 400)]
    public async Task PostRoot_WithSomethingElse_IsRefusedInTheEnvelope(string body, int status)
    {
        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, "/", body, "application/vnd.kafka.v2+json"), status, status);
    }

    [Fact]
    public async Task PostRoot_WithAnotherContentType_Is415()
    {
        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, "/", "{}", "application/vnd.kafka.json.v2+json"), 415, 415);
    }
}
