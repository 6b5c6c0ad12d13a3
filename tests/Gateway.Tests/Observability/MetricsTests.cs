using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Gateway.Tests.Support;

namespace Gateway.Tests.Observability;

/// <summary>/metrics tells what the gateway did; trace context travels into Kafka record headers.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly GatewayFactory _factory = new(new Dictionary<string, string?>
    {
        ["Schemas:Bindings:user:Pattern"] = "[0-9a-f]{12}\\.user",
        ["Schemas:Bindings:user:Schema"] = "schemas/pinterest/user.schema.json",
    });

    [Fact]
    public async Task Metrics_CountProducedAndRejectedRecordsAndValidationFailures_ByTopicAndField()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh("user");
        var good = PinterestRows.Lines("user")[0];
        var bad = good.Replace("\"ind\"", "\"index\"", StringComparison.Ordinal);

        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{topic}", $$"""{"records":[{"value":{{good}}},{"value":{{good}}},{"value":{{good}}}]}""")).StatusCode);
        Assert.Equal(422, (int)(await Rest.PostAsync(client, $"/topics/{topic}", $$"""{"records":[{"value":{{bad}}}]}""")).StatusCode);
        var metrics = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Equal(3, Value(metrics, $"gateway_records_produced_total{{topic=\"{topic}\"}}"));
        Assert.Equal(1, Value(metrics, $"gateway_records_rejected_total{{topic=\"{topic}\",reason=\"schema\"}}"));
        Assert.Equal(1, Value(metrics, $"gateway_validation_failures_total{{topic=\"{topic}\",field=\"/index\"}}"));
        Assert.Equal(1, Value(metrics, $"gateway_validation_failures_total{{topic=\"{topic}\",field=\"/\"}}"));
        Assert.Matches(new Regex("http_requests_received_total\\{code=\"422\",method=\"POST\""), metrics);
        Assert.Contains("gateway_produce_duration_seconds_count", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_inflight_records 0", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_CarryLibrdkafkaQueueDepthAndBrokerRoundTrip()
    {
        var client = _factory.CreateClient();
        await Rest.PostAsync(client, $"/topics/{TestTopics.Fresh()}", """{"records":[{"value":1}]}""");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string metrics;
        do
        {
            await Task.Delay(500);
            metrics = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();
            Assert.True(DateTime.UtcNow < deadline, "librdkafka statistics did not arrive within 30 s");
        }
        while (!metrics.Contains("gateway_kafka_broker_rtt_seconds{broker=", StringComparison.Ordinal));

        Assert.Contains("gateway_kafka_queue_messages", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TraceContext_IsCarriedIntoRecordHeaders()
    {
        const string traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        const string amazon = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1";
        var topic = TestTopics.Fresh();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/topics/{topic}") { Content = new StringContent("""{"records":[{"value":1},{"value":2}]}""") };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Rest.JsonV2);
        request.Headers.TryAddWithoutValidation("traceparent", traceparent);
        request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", amazon);

        Assert.Equal(200, (int)(await _factory.CreateClient().SendAsync(request)).StatusCode);

        Assert.All(KafkaReader.ReadAll(_factory.BootstrapServers, topic), record =>
        {
            Assert.Equal(traceparent, record.Headers["traceparent"]);
            Assert.Equal(amazon, record.Headers["X-Amzn-Trace-Id"]);
        });
    }

    [Fact]
    public async Task Metrics_CountAnswersGivenBeforeRouting_401And403()
    {
        using var secured = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Security:AllowAnonymous"] = "false",
            ["Security:ApiKeys:reader:Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("reader-key"u8)),
            ["Security:ApiKeys:reader:Topics:0"] = "only\\.this",
            ["Security:ApiKeys:operator:Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("operator-key"u8)),
            ["Security:ApiKeys:operator:Admin"] = "true",
        });
        var client = secured.CreateClient();
        Assert.Equal(401, (int)(await Rest.PostAsync(client, $"/topics/{TestTopics.Fresh()}", """{"records":[{"value":1}]}""")).StatusCode);
        client.DefaultRequestHeaders.Add("X-API-Key", "reader-key");
        Assert.Equal(403, (int)(await Rest.PostAsync(client, $"/topics/{TestTopics.Fresh()}", """{"records":[{"value":1}]}""")).StatusCode);

        var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Add("X-API-Key", "operator-key");
        var metrics = await (await secured.CreateClient().SendAsync(scrape)).Content.ReadAsStringAsync();

        Assert.Matches(new Regex("http_requests_received_total\\{code=\"401\""), metrics);
        Assert.Matches(new Regex("http_requests_received_total\\{code=\"403\""), metrics);
    }

    [Fact]
    public async Task LibrdkafkaLogLines_AreLoggedAtTheirOwnLevel()
    {
        var logs = new CapturedLogs();
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Kafka:Producer:auto.offset.reset"] = "earliest" }).WithLogs(logs);
        factory.CreateClient();

        // librdkafka hands its log lines over on its own thread, so the line may come a moment after start-up.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!logs.Lines.Any(l => l.Contains("CONFWARN", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "librdkafka's configuration warning was not logged within 30 s");
            await Task.Delay(50);
        }

        Assert.Contains(logs.Lines, l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains("librdkafka", StringComparison.Ordinal) && l.Contains("CONFWARN", StringComparison.Ordinal));
    }

    public void Dispose() => _factory.Dispose();

    private static double Value(string metrics, string series)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"{series} is not in /metrics");
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
