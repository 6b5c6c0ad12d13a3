using System.Text;
using System.Text.Json;
using Gateway.Tests.Support;

namespace Gateway.Tests.Produce.V3;

public sealed class StreamedProduceTests(ShippedGateway gateway) : IClassFixture<ShippedGateway>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    [Fact]
    public async Task Stream_OfMixedRecords_AnswersEachInOrderAndKafkaHoldsExactlyTheGoodOnes()
    {
        var topic = TestTopics.Fresh();
        var pin = PinterestRows.Lines("pin")[0];
        var body = string.Join("\n",
            $$$"""{"key":{"type":"STRING","data":"k1"},"value":{"type":"JSON","data":{{{pin}}}}}""",
            """{"value":{"type":"BINARY","data":"!!"}}""",
            """{"partition_id":1,"headers":[{"name":"h","value":"aGk="},{"name":"empty","value":null}],"value":{"type":"STRING","data":"plain \u00e9"},"timestamp":"2026-01-01T00:00:00.5Z"}""",
            """{"value":{"type":"JSON","data":{"index":"not a number"}}}""",
            """{"value":{"data":1}}""",
            """{"value":{"type":"AVRO","schema":"\"int\"","data":1}}""",
            """not json {"partition_id":99,"value":{"type":"STRING","data":"x"}}""",
            """{"value":{"type":"BINARY","data":"aGVsbG8="}}""");

        var answers = await RestV3.LinesAsync(await RestV3.PostAsync(_client, RestV3.Records(topic), body));

        // "not json" is two bare tokens, each answered as a value that is not a record.
        Assert.Equal([200, 400, 200, 422, 422, 422, 400, 400, 40402, 200], answers.Select(RestV3.Code));
        // The pin topic is bound to a schema file, not a registry subject: schema lookups are refused, naming the formats to use.
        Assert.StartsWith($"Error: 42210 : Topic {topic} is bound to the JSON Schema file", answers[4].GetProperty("message").GetString());
        Assert.Equal(answers[4].GetProperty("message").GetString(), answers[5].GetProperty("message").GetString());
        Assert.StartsWith("Error: 42210 :", answers[3].GetProperty("message").GetString());
        Assert.Contains(answers[3].GetProperty("errors").EnumerateArray(), v => v.GetProperty("pointer").GetString() == "/index");
        Assert.Equal(1, answers[2].GetProperty("partition_id").GetInt32());
        Assert.Equal("2026-01-01T00:00:00.500Z", answers[2].GetProperty("timestamp").GetString());
        Assert.Equal("STRING", answers[2].GetProperty("value").GetProperty("type").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount("plain é"), answers[2].GetProperty("value").GetProperty("size").GetInt32());
        Assert.False(answers[2].TryGetProperty("key", out _));
        Assert.Equal(2, answers[0].GetProperty("key").GetProperty("size").GetInt32());

        var stored = KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic);
        Assert.Equal(3, stored.Count);
        var json = stored.Single(r => r.Key is not null);
        Assert.Equal("k1", Encoding.UTF8.GetString(json.Key!));
        Assert.Equal(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Produce", "Data", "pin.compact.jsonl"))[0], Encoding.UTF8.GetString(json.Value!));
        // The unkeyed binary record may land on partition 1 too: find the text record by its header.
        var text = stored.Single(r => r.Headers.ContainsKey("h"));
        Assert.Equal(1, text.Partition);
        Assert.Equal("plain é", Encoding.UTF8.GetString(text.Value!));
        Assert.Equal("hi", text.Headers["h"]);
        Assert.Null(text.Headers["empty"]);
        Assert.Contains(stored, r => r.Value is not null && Encoding.UTF8.GetString(r.Value) == "hello");
        var offsets = answers.Where(a => RestV3.Code(a) == 200).Select(a => (a.GetProperty("partition_id").GetInt32(), a.GetProperty("offset").GetInt64()));
        Assert.Equal(stored.Select(r => (r.Partition, r.Offset)).Order(), offsets.Order());
    }

    [Fact]
    public async Task Stream_JsonValue_IsStoredAsTheSameCompactBytesAsV2()
    {
        var topic = TestTopics.Fresh();
        var pin = PinterestRows.Lines("pin")[1];
        var spaced = JsonSerializer.Serialize(JsonDocument.Parse(pin).RootElement, Indented);

        await RestV3.LinesAsync(await RestV3.PostAsync(_client, RestV3.Records(topic), $$$"""{"value":{"type":"JSON","data":{{{spaced}}}}}"""));
        (await Rest.PostAsync(_client, $"/topics/{topic}", PinterestRows.Envelope(spaced))).EnsureSuccessStatusCode();

        var stored = KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic);
        Assert.Equal(2, stored.Count);
        Assert.Equal(stored[0].Value, stored[1].Value);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=ISO-8859-1")]
    [InlineData("application/json")]
    public async Task Stream_WithAcceptedCharset_Produces(string contentType)
    {
        var answers = await RestV3.LinesAsync(await RestV3.PostAsync(_client, RestV3.Records(TestTopics.Fresh()), """{"value":{"type":"STRING","data":"x"}}""", contentType));

        Assert.Equal(200, RestV3.Code(Assert.Single(answers)));
    }

    [Theory]
    [InlineData("application/json; charset=utf-16", 400, 400)]
    [InlineData("text/plain", 415, 415)]
    [InlineData("application/vnd.kafka.json.v2+json", 415, 415)]
    public async Task Stream_WithRefusedContentType_IsAWholeRequestError(string contentType, int status, int code)
    {
        var response = await RestV3.PostAsync(_client, RestV3.Records(TestTopics.Fresh()), """{"value":{"type":"STRING","data":"x"}}""", contentType);

        await Rest.AssertErrorAsync(response, status, code);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n ")]
    public async Task Stream_WithEmptyBody_Is422_42206(string body)
    {
        var message = await Rest.AssertErrorAsync(await RestV3.PostAsync(_client, RestV3.Records(TestTopics.Fresh()), body), 422, 42206);

        Assert.Equal("Payload error. Request body is empty. Data is required.", message);
    }

    [Fact]
    public async Task Stream_WithRecordPastTheSizeLimit_SkipsItAndGoesOn()
    {
        using var factory = new GatewayFactory(ShippedGateway.Shipped(new Dictionary<string, string?> { ["ProduceV3:MaxRecordBytes"] = "1024" }));
        var topic = TestTopics.Fresh();
        var big = new string('a', 5000);
        var body = $$$"""{"value":{"type":"STRING","data":"{{{big}}}"}}{"value":{"type":"STRING","data":"small"}}""";

        var answers = await RestV3.LinesAsync(await RestV3.PostAsync(factory.CreateClient(), RestV3.Records(topic), body));

        Assert.Equal([400, 200], answers.Select(RestV3.Code));
        Assert.StartsWith("Bad Request: Error processing message: Produce request size is larger than allowed threshold", answers[0].GetProperty("message").GetString());
        Assert.Equal("small", Encoding.UTF8.GetString(Assert.Single(KafkaReader.ReadAll(factory.BootstrapServers, topic)).Value!));
    }

    [Fact]
    public async Task Stream_PastTheCallersRecordRate_Answers429PerRecordAndWritesNoneOfThose()
    {
        using var factory = new GatewayFactory(ShippedGateway.Shipped(new Dictionary<string, string?>
        {
            ["ProduceV3:RateLimitEnabled"] = "true",
            ["ProduceV3:RecordsPerSecond"] = "3",
        }));
        var topic = TestTopics.Fresh();
        var body = string.Concat(Enumerable.Range(0, 10).Select(i => $$$"""{"value":{"type":"STRING","data":"r{{{i}}}"}}"""));

        var answers = await RestV3.LinesAsync(await RestV3.PostAsync(factory.CreateClient(), RestV3.Records(topic), body));

        Assert.Equal(10, answers.Count);
        var limited = answers.Where(a => RestV3.Code(a) == 429).ToArray();
        Assert.NotEmpty(limited);
        Assert.All(limited, a =>
        {
            Assert.Equal("Request rate limit exceeded: The rate limit of requests per second has been exceeded.", a.GetProperty("message").GetString());
            Assert.True(a.GetProperty("retry_after_seconds").GetInt32() >= 1);
        });
        Assert.Equal(answers.Count(a => RestV3.Code(a) == 200), KafkaReader.ReadAll(factory.BootstrapServers, topic).Count);
    }

    [Fact]
    public async Task Stream_WhenKafkaOutlivesTheDeadline_AnswersOutcomeUnknownPerRecord()
    {
        using var factory = new GatewayFactory(ShippedGateway.Shipped());
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        await RestV3.LinesAsync(await RestV3.PostAsync(client, RestV3.Records(topic), """{"value":{"type":"STRING","data":"warm"}}"""));
        factory.Cluster.SetRoundTripOfAllBrokers(3000);
        try
        {
            var answers = await RestV3.LinesAsync(await RestV3.PostAsync(client, RestV3.Records(topic), """{"value":{"type":"STRING","data":"slow"}}""",
                headers: new Dictionary<string, string> { ["X-Gateway-Deadline-Ms"] = "300" }));

            var answer = Assert.Single(answers);
            Assert.Equal(50401, RestV3.Code(answer));
            Assert.Contains("outcome is unknown", answer.GetProperty("message").GetString());
        }
        finally
        {
            factory.Cluster.SetRoundTripOfAllBrokers(0);
        }
    }

    [Fact]
    public async Task Stream_ToATopicTheCallerMayNotProduceTo_Is403BeforeReading()
    {
        await Rest.AssertErrorAsync(await RestV3.PostAsync(_client, RestV3.Records("not-a-pinterest-topic"), """{"value":{"type":"STRING","data":"x"}}"""), 403, 40301);
    }

    [Fact]
    public async Task Metrics_CountV3RecordsByCode()
    {
        await RestV3.LinesAsync(await RestV3.PostAsync(_client, RestV3.Records(TestTopics.Fresh()), """{"value":{"type":"STRING","data":"x"}}{"value":{"type":"BINARY","data":"!"}}"""));

        var metrics = await _client.GetStringAsync("/metrics");

        Assert.Contains("gateway_v3_records_total{endpoint=\"stream\",code=\"200\"}", metrics);
        Assert.Contains("gateway_v3_records_total{endpoint=\"stream\",code=\"400\"}", metrics);
    }

    [Fact]
    public async Task Swagger_DocumentsBothV3ProduceEndpointsWithExamples()
    {
        var document = JsonDocument.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var paths = document.GetProperty("paths");

        foreach (var path in new[] { "/v3/clusters/{cluster_id}/topics/{topic}/records", "/v3/clusters/{cluster_id}/topics/{topic}/records:batch" })
        {
            var content = paths.GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            Assert.NotEmpty(content.GetProperty("examples").EnumerateObject());
        }
    }
}
