using System.Text;
using System.Text.Json;
using Gateway.Tests.Support;

namespace Gateway.Tests.Produce.V3;

public sealed class BatchProduceTests(ShippedGateway gateway) : IClassFixture<ShippedGateway>
{
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    [Fact]
    public async Task Batch_Answers207WithSuccessesAndFailuresById()
    {
        var topic = TestTopics.Fresh();
        var body = """{"entries":[{"id":"a1","key":{"type":"STRING","data":"k"},"value":{"type":"STRING","data":"one"}},{"id":"a2","value":{"type":"BINARY","data":"%%"}},{"id":"a-3","value":{"type":"JSON","data":{"index":1}}},{"id":"a_4","partition_id":2,"value":{"type":"BINARY","data":"Zm91cg=="}}]}""";

        var response = await RestV3.PostAsync(_client, RestV3.Batch(topic), body);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(207, (int)response.StatusCode);
        Assert.Equal(["a1", "a_4"], answer.GetProperty("successes").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(["a2", "a-3"], answer.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.Equal([400, 422], answer.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("error_code").GetInt32()));
        Assert.Equal(2, answer.GetProperty("successes")[1].GetProperty("partition_id").GetInt32());
        var stored = KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic);
        Assert.Equal(["four", "one"], stored.Select(r => Encoding.UTF8.GetString(r.Value!)).Order());
    }

    [Theory]
    [InlineData("", "Request body is empty. Data is required.")]
    [InlineData("null", "Request body is empty. Data is required.")]
    [InlineData("""{"entries":[]}""", "Empty batch.")]
    [InlineData("""{"entries":[{"id":"x"},{"id":"x"}]}""", "Batch entry IDs are not distinct.")]
    [InlineData("""{"entries":[{"id":1}]}""", "Batch entry identifier is not a valid string.")]
    [InlineData("""{"entries":[{"id":"has space"}]}""", "Batch entry identifier is not a valid string.")]
    [InlineData("""{"entries":[{"value":{"type":"STRING","data":"no id"}}]}""", "Batch entry identifier is not a valid string.")]
    public async Task Batch_BreakingKafkaRestsRules_Is422_42208(string body, string message)
    {
        var topic = TestTopics.Fresh();

        Assert.Equal(message, await Rest.AssertErrorAsync(await RestV3.PostAsync(_client, RestV3.Batch(topic), body), 422, 42208));
        Assert.Equal(0, KafkaReader.Count(gateway.Factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task Batch_WithMoreEntriesThanTheMaximum_Is422_42208()
    {
        var entries = string.Join(",", Enumerable.Range(0, 11).Select(i => $$$"""{"id":"e{{{i}}}","value":{"type":"STRING","data":"x"}}"""));

        var message = await Rest.AssertErrorAsync(await RestV3.PostAsync(_client, RestV3.Batch(TestTopics.Fresh()), $$$"""{"entries":[{{{entries}}}]}"""), 422, 42208);

        Assert.Equal("Too many entries in batch.", message);
    }

    [Fact]
    public async Task Batch_RetriedWithTheSameIdempotencyKey_GetsTheFirstAnswerAndProducesOnce()
    {
        var topic = TestTopics.Fresh();
        var body = """{"entries":[{"id":"a","value":{"type":"STRING","data":"once"}},{"id":"b","value":{"type":"STRING","data":"twice?"}}]}""";
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

        var first = await (await RestV3.PostAsync(_client, RestV3.Batch(topic), body, headers: key)).Content.ReadAsStringAsync();
        var retry = await RestV3.PostAsync(_client, RestV3.Batch(topic), body, headers: key);

        Assert.Equal(207, (int)retry.StatusCode);
        Assert.Equal(first, await retry.Content.ReadAsStringAsync());
        Assert.Equal(2, KafkaReader.Count(gateway.Factory.BootstrapServers, topic));
        var other = """{"entries":[{"id":"a","value":{"type":"STRING","data":"different"}}]}""";
        await Rest.AssertErrorAsync(await RestV3.PostAsync(_client, RestV3.Batch(topic), other, headers: key), 422, 42230);
    }

    [Fact]
    public async Task OneRecordStream_RetriedWithTheSameIdempotencyKey_GetsTheSameOffset()
    {
        var topic = TestTopics.Fresh();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        const string body = """{"value":{"type":"STRING","data":"exactly once"}}""";

        var first = Assert.Single(await RestV3.LinesAsync(await RestV3.PostAsync(_client, RestV3.Records(topic), body, headers: key)));
        var retry = Assert.Single(await RestV3.LinesAsync(await RestV3.PostAsync(_client, RestV3.Records(topic), body, headers: key)));

        Assert.Equal(200, RestV3.Code(first));
        Assert.Equal(first.GetProperty("offset").GetInt64(), retry.GetProperty("offset").GetInt64());
        Assert.Equal(first.GetProperty("partition_id").GetInt32(), retry.GetProperty("partition_id").GetInt32());
        Assert.Equal(1, KafkaReader.Count(gateway.Factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task StreamOfSeveralRecords_WithIdempotencyKey_Is400AndProducesNothing()
    {
        var topic = TestTopics.Fresh();
        var body = """{"value":{"type":"STRING","data":"a"}}{"value":{"type":"STRING","data":"b"}}""";

        await Rest.AssertErrorAsync(await RestV3.PostAsync(_client, RestV3.Records(topic), body, headers: new Dictionary<string, string> { ["Idempotency-Key"] = "k" }), 400, 400);
        Assert.Equal(0, KafkaReader.Count(gateway.Factory.BootstrapServers, topic));
    }
}
