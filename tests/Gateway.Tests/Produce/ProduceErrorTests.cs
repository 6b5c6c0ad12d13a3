using Gateway.Tests.Support;

namespace Gateway.Tests.Produce;

/// <summary>Bad requests get kafka-rest's status, error code and a message, and nothing reaches Kafka.</summary>
[Collection(SharedGatewayGroup.Name)]
public sealed class ProduceErrorTests(SharedGateway gateway)
{
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    public static TheoryData<string, int, int, string> BadBodies => new()
    {
        { """{"records": [{"value": {"a": 1}}""", 400, 400, "" },
        { "not json at all", 400, 400, "" },
        { """{"records": [{"value": {"a": 1}}]} trailing""", 400, 400, "" },
        { """{"records": {"value": 1}}""", 400, 400, "records" },
        { """{"records": [{"value": 1, "partition": "zero"}]}""", 400, 400, "partition" },
        { """{"records": [{"value": 1, "partition": 4294967296}]}""", 400, 400, "partition" },
        { """{"records": [42]}""", 400, 400, "records[0]" },
        { "[]", 400, 400, "" },
        { "", 422, 422, "empty" },
        { "   ", 422, 422, "empty" },
        { "null", 422, 422, "empty" },
        { "{}", 422, 422, "records" },
        { """{"records": []}""", 422, 422, "records" },
        { """{"records": null}""", 422, 422, "records" },
        { """{"index": 5658, "unique_id": "x"}""", 422, 422, "Unrecognized field: index" },
        { """{"records": [{"value": 1}], "extra": true}""", 422, 422, "Unrecognized field: extra" },
        { """{"records": [{"value": 1, "headers": []}]}""", 422, 422, "Unrecognized field: headers" },
        { """{"records": [{"value": "Caf\udc00"}]}""", 400, 400, "" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadBody_AnsweredInKafkaRestEnvelope_NothingProduced(string body, int status, int code, string mentions)
    {
        var topic = TestTopics.Fresh();
        var message = await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}", body), status, code);

        Assert.Contains(mentions, message, StringComparison.Ordinal);
        Assert.Empty(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task BareRowWithoutEnvelope_AnsweredAsKafkaRestDoes()
    {
        var row = PinterestRows.Lines("pin")[0];
        var response = await Rest.PostAsync(_client, $"/topics/{TestTopics.Fresh()}", row);

        Assert.Equal("""{"error_code":422,"message":"Unrecognized field: index"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BatchWithOneBadRecordLate_NothingProduced()
    {
        var topic = TestTopics.Fresh();
        await Rest.PostAsync(_client, $"/topics/{topic}", """{"records":[{"value":1}]}""");
        var body = """{"records":[{"value":{"ok":1}},{"value":{"ok":2}},{"value":{"ok":3},"bogus":1}]}""";

        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}", body), 422, 422);
        Assert.Single(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
    }

    [Theory]
    [InlineData("not base64!", "is not a valid base64 string")]
    [InlineData("aGVsbG8-", "is not a valid base64 string")]
    [InlineData("aGVs bG8=", "is not a valid base64 string")]
    [InlineData("a", "is not a valid base64 string")]
    public async Task BinaryValueNotBase64_Is400(string value, string mentions)
    {
        var topic = TestTopics.Fresh();
        var message = await Rest.AssertErrorAsync(
            await Rest.PostAsync(_client, $"/topics/{topic}", $$"""{"records":[{"value":"{{value}}"}]}""", Rest.BinaryV2), 400, 400);

        Assert.Contains(mentions, message, StringComparison.Ordinal);
        Assert.Empty(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task BinaryValueNotAString_Is400()
    {
        var message = await Rest.AssertErrorAsync(
            await Rest.PostAsync(_client, $"/topics/{TestTopics.Fresh()}", """{"records":[{"value":{"a":1}}]}""", Rest.BinaryV2), 400, 400);

        Assert.Contains("""data={"a":1} is not a base64 string""", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/partitions/3")]
    [InlineData("/partitions/99")]
    public async Task PathPartitionThatDoesNotExist_Is40402(string path)
    {
        var topic = TestTopics.Fresh();
        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}{path}", """{"records":[{"value":1}]}"""), 404, 40402);
        Assert.Empty(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public async Task RecordPartitionThatDoesNotExist_Is40402_NoRecordOfTheBatchProduced(int partition)
    {
        var topic = TestTopics.Fresh();
        var body = $$"""{"records":[{"value":1,"partition":0},{"value":2,"partition":{{partition}}}]}""";

        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}", body), 404, 40402);
        Assert.Empty(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task RecordPartition_OverridesPathPartition()
    {
        var topic = TestTopics.Fresh();
        var json = await Rest.JsonAsync(await Rest.PostAsync(_client, $"/topics/{topic}/partitions/0",
            """{"records":[{"value":1,"partition":2},{"value":2}]}"""));

        Assert.Equal(2, json.GetProperty("offsets")[0].GetProperty("partition").GetInt32());
        Assert.Equal(0, json.GetProperty("offsets")[1].GetProperty("partition").GetInt32());
    }

    [Theory]
    [InlineData("a%20b")]
    [InlineData("caf%C3%A9")]
    [InlineData("a*b")]
    [InlineData("a%2Fb")]
    [InlineData("semi;colon")]
    public async Task IllegalTopicName_Is400_40002(string topic)
    {
        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}", """{"records":[{"value":1}]}"""), 400, 40002);
    }

    [Fact]
    public async Task TopicNameLongerThan249_Is400_40002()
    {
        var message = await Rest.AssertErrorAsync(
            await Rest.PostAsync(_client, $"/topics/{new string('a', 250)}", """{"records":[{"value":1}]}"""), 400, 40002);

        Assert.Contains("249", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonIntegerPathPartition_Is404InEnvelope()
    {
        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{TestTopics.Fresh()}/partitions/one", """{"records":[{"value":1}]}"""), 404, 404);
    }

    [Fact]
    public async Task WrongMethod_Is405InEnvelope()
    {
        await Rest.AssertErrorAsync(await _client.DeleteAsync($"/topics/{TestTopics.Fresh()}"), 405, 405);
    }
}
