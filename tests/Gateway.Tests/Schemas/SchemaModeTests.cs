using System.Text;
using System.Text.Json;
using Gateway.Tests.Support;

namespace Gateway.Tests.Schemas;

/// <summary>Partial mode, dead-letter topics and JSON in binary values.</summary>
public sealed class SchemaModeTests : IDisposable
{
    private const string DeadLetterTopic = "rejected.user";
    private const string Good = """{"ind": 7, "first_name": "Dylan", "last_name": "Holmes", "age": 32, "date_joined": "2016-10-23 14:06:51"}""";
    private const string Bad = """{"index": 7, "first_name": "Dylan", "last_name": "Holmes", "age": 32, "date_joined": "2016-10-23 14:06:51"}""";
    private readonly GatewayFactory _factory = new(new Dictionary<string, string?>
    {
        ["Schemas:UnboundTopics"] = "Reject",
        ["Schemas:Bindings:user:Pattern"] = "[0-9a-f]{12}\\.user",
        ["Schemas:Bindings:user:Schema"] = "schemas/pinterest/user.schema.json",
        ["Schemas:Bindings:lettered:Pattern"] = "[0-9a-f]{12}\\.letters",
        ["Schemas:Bindings:lettered:Schema"] = "schemas/pinterest/user.schema.json",
        ["Schemas:Bindings:lettered:DeadLetterTopic"] = DeadLetterTopic,
        ["Schemas:Bindings:bytes:Pattern"] = "[0-9a-f]{12}\\.bytes",
        ["Schemas:Bindings:bytes:Schema"] = "schemas/pinterest/user.schema.json",
        ["Schemas:Bindings:opaque:Pattern"] = "[0-9a-f]{12}\\.opaque",
        ["Schemas:Bindings:opaque:Schema"] = "schemas/pinterest/user.schema.json",
        ["Schemas:Bindings:opaque:ValidateBinaryPayloads"] = "false",
    });

    [Theory]
    [InlineData("?validation=partial", null)]
    [InlineData("", "partial")]
    public async Task PartialMode_ProducesExactlyTheValidRecords_AnswersTheOthersWith42210(string query, string? header)
    {
        var client = _factory.CreateClient();
        if (header is not null)
        {
            client.DefaultRequestHeaders.Add("X-Gateway-Validation", header);
        }

        var topic = TestTopics.Fresh("user");
        var body = $$"""{"records": [{"value": {{Good}}}, {"value": {{Bad}}}, {"value": {{Good.Replace("Dylan", "Ann", StringComparison.Ordinal)}}}]}""";

        var response = await Rest.PostAsync(client, $"/topics/{topic}{query}", body);
        var offsets = (await Rest.JsonAsync(response)).GetProperty("offsets");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(JsonValueKind.Null, offsets[0].GetProperty("error_code").ValueKind);
        Assert.Equal(42210, offsets[1].GetProperty("error_code").GetInt32());
        Assert.Equal(JsonValueKind.Null, offsets[1].GetProperty("offset").ValueKind);
        Assert.Contains(offsets[1].GetProperty("errors").EnumerateArray(), e => e.GetProperty("pointer").GetString() == "/index" && e.GetProperty("record").GetInt32() == 1);
        Assert.Equal(JsonValueKind.Null, offsets[2].GetProperty("error_code").ValueKind);
        var stored = KafkaReader.ReadAll(_factory.BootstrapServers, topic).Select(r => Encoding.UTF8.GetString(r.Value!)).Order().ToArray();
        Assert.Equal(2, stored.Length);
        Assert.Contains("\"first_name\":\"Dylan\"", stored[1], StringComparison.Ordinal);
        Assert.Contains("\"first_name\":\"Ann\"", stored[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownValidationMode_Is400()
    {
        var response = await Rest.PostAsync(_factory.CreateClient(), $"/topics/{TestTopics.Fresh("user")}?validation=lenient", $$"""{"records": [{"value": {{Good}}}]}""");

        await Rest.AssertErrorAsync(response, 400, 400);
    }

    [Fact]
    public async Task DeadLetterTopic_ReceivesRejectedRecordsWithReasonTopicAndIndex()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh("letters");
        var before = KafkaReader.ReadAll(_factory.BootstrapServers, DeadLetterTopic).Count;

        var atomic = await Rest.PostAsync(client, $"/topics/{topic}", $$"""{"records": [{"value": {{Good}}}, {"value": {{Bad}}}]}""");
        var partial = await Rest.PostAsync(client, $"/topics/{topic}?validation=partial", $$"""{"records": [{"value": {{Bad}}}, {"value": {{Good}}}]}""");

        var atomicJson = await Rest.JsonAsync(atomic);
        Assert.Equal(422, (int)atomic.StatusCode);
        var lettered = Assert.Single(atomicJson.GetProperty("dead_lettered").EnumerateArray());
        Assert.Equal(1, lettered.GetProperty("record").GetInt32());
        Assert.Equal(DeadLetterTopic, lettered.GetProperty("topic").GetString());
        var partialEntry = (await Rest.JsonAsync(partial)).GetProperty("offsets")[0];
        Assert.Equal(DeadLetterTopic, partialEntry.GetProperty("dead_letter").GetProperty("topic").GetString());

        var letters = KafkaReader.ReadAll(_factory.BootstrapServers, DeadLetterTopic).Skip(before).ToArray();
        Assert.Equal(2, letters.Length);
        Assert.All(letters, letter =>
        {
            Assert.Equal(topic, letter.Headers["gateway-original-topic"]);
            Assert.Equal("lettered", letter.Headers["gateway-schema"]);
            Assert.Contains("\"pointer\":\"/index\"", letter.Headers["gateway-reason"], StringComparison.Ordinal);
            Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(Bad).RootElement), Encoding.UTF8.GetString(letter.Value!));
        });
        Assert.Equal(["0", "1"], letters.Select(l => l.Headers["gateway-record-index"]).Order());
        Assert.Single(KafkaReader.ReadAll(_factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task RejectedBatch_RetriedWithTheSameIdempotencyKey_DeadLettersOnce_AndGetsTheFirstAnswer()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh("letters");
        var body = $$"""{"records": [{"value": {{Good}}}, {"value": {{Bad.Replace("Dylan", topic, StringComparison.Ordinal)}}}]}""";
        async Task<(int Status, string Body)> PostAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/topics/{topic}") { Content = new StringContent(body) };
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(Rest.JsonV2);
            request.Headers.Add("Idempotency-Key", "lettered-once");
            var response = await client.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var first = await PostAsync();
        var retry = await PostAsync();

        Assert.Equal(422, first.Status);
        Assert.Equal(first, retry);
        Assert.Single(KafkaReader.ReadAll(_factory.BootstrapServers, DeadLetterTopic), l => Encoding.UTF8.GetString(l.Value!).Contains(topic, StringComparison.Ordinal));
        Assert.Empty(KafkaReader.ReadAll(_factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task BinaryValues_OnABoundTopic_AreDecodedAndValidatedByDefault()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh("bytes");
        string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

        var bad = await Rest.PostAsync(client, $"/topics/{topic}", $$"""{"records": [{"value": "{{Base64(Bad)}}"}]}""", Rest.BinaryV2);
        var notJson = await Rest.PostAsync(client, $"/topics/{topic}", $$"""{"records": [{"value": "{{Base64("not json")}}"}]}""", Rest.BinaryV2);
        var good = await Rest.PostAsync(client, $"/topics/{topic}", $$"""{"records": [{"value": "{{Base64(Good)}}"}]}""", Rest.BinaryV2);

        Assert.Equal(422, (int)bad.StatusCode);
        Assert.Equal("json", (await Rest.JsonAsync(notJson)).GetProperty("errors")[0].GetProperty("keyword").GetString());
        Assert.Equal(200, (int)good.StatusCode);
        Assert.Equal(Good, Encoding.UTF8.GetString(Assert.Single(KafkaReader.ReadAll(_factory.BootstrapServers, topic)).Value!));
    }

    [Theory]
    [InlineData("/w==")]
    [InlineData("AAEC")]
    [InlineData("eyJcdUQ4MDAiOjF9")]
    public async Task BinaryPayloadThatIsNotJson_OnATopicBoundToASchema_Is42210_NothingProduced(string base64)
    {
        var topic = TestTopics.Fresh("user");
        var response = await Rest.PostAsync(_factory.CreateClient(), $"/topics/{topic}", $$"""{"records": [{"value": "{{base64}}"}]}""", Rest.BinaryV2);

        await Rest.AssertErrorAsync(response, 422, 42210);
        var violation = (await Rest.JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal("json", violation.GetProperty("keyword").GetString());
        Assert.Equal("", violation.GetProperty("pointer").GetString());
        Assert.Empty(KafkaReader.ReadAll(_factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task BinaryPayloads_OfABindingThatOptsOut_AreNotValidated()
    {
        var topic = TestTopics.Fresh("opaque");
        var response = await Rest.PostAsync(_factory.CreateClient(), $"/topics/{topic}", """{"records": [{"value": "/w=="}]}""", Rest.BinaryV2);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([0xFF], Assert.Single(KafkaReader.ReadAll(_factory.BootstrapServers, topic)).Value);
    }

    public void Dispose() => _factory.Dispose();
}
