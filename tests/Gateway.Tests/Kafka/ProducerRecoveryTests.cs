using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Gateway.Kafka;
using Gateway.Kafka.Embedded;
using Gateway.Reliability;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Kafka;

/// <summary>
/// After a fatal idempotent-producer error the gateway answers retriably, says so in readiness, builds a
/// new producer (a new producer id) and serves again; repeated fatal errors wait longer each time. The
/// gateway's clock is a fake one, so the back-off passes when the test says so.
/// </summary>
public sealed class ProducerRecoveryTests : IDisposable
{
    private const int OutOfOrderSequenceNumber = 45;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CapturedLogs _logs = new();
    private readonly GatewayFactory _factory;
    private readonly HttpClient _client;
    private readonly string _topic = TestTopics.Fresh();

    public ProducerRecoveryTests()
    {
        _factory = new GatewayFactory().WithTime(_time).WithLogs(_logs);
        _client = _factory.CreateClient();
    }

    private RecordProducer Producer => _factory.Services.GetRequiredService<RecordProducer>();

    [Fact]
    public async Task InjectedFatalError_InFlightRecordsRetriable_NewRequests503_ReadinessNamesIt_ThenANewProducerServes()
    {
        Assert.Equal(200, (int)(await Rest.PostAsync(_client, $"/topics/{_topic}", Batch(1, "warm"))).StatusCode);
        var failedProducer = Producer.Name;
        var admission = _factory.Services.GetRequiredService<Admission>();
        _factory.Cluster.SetRoundTripOfAllBrokers(1000);
        var inFlight = Rest.PostAsync(_client, $"/topics/{_topic}", Batch(5, "in-flight"));
        await Until(() => Task.FromResult(admission.InFlightRecords == 5));

        FatalErrors.Raise(Producer.Handle, ErrorCode.OutOfOrderSequenceNumber, "injected by the test");
        _factory.Cluster.SetRoundTripOfAllBrokers(0);

        var answered = await inFlight;
        var offsets = (await Rest.JsonAsync(answered)).GetProperty("offsets").EnumerateArray().ToArray();
        Assert.Equal(200, (int)answered.StatusCode);
        Assert.All(offsets, o => Assert.True(
            o.GetProperty("error_code").ValueKind == JsonValueKind.Null ? o.GetProperty("offset").GetInt64() >= 0 : o.GetProperty("error_code").GetInt32() == 50003,
            o.GetRawText()));
        if (offsets.Any(o => o.GetProperty("error_code").ValueKind != JsonValueKind.Null))
        {
            Assert.NotNull(answered.Headers.RetryAfter);
        }

        var ready = await _client.GetAsync("/health/ready");
        Assert.Equal(503, (int)ready.StatusCode);
        Assert.Contains("failed fatally", (await Rest.JsonAsync(ready)).GetProperty("problem").GetString(), StringComparison.Ordinal);
        var refused = await Rest.PostAsync(_client, $"/topics/{_topic}", Batch(2, "refused"));
        await Rest.AssertErrorAsync(refused, 503, 50302);
        Assert.NotNull(refused.Headers.RetryAfter);

        await WaitOutRebuildAsync(generation: 2, TimeSpan.FromSeconds(1));
        Assert.NotEqual(failedProducer, Producer.Name);
        Assert.Equal(200, (int)(await Rest.PostAsync(_client, $"/topics/{_topic}", Batch(3, "after"))).StatusCode);

        var stored = KafkaReader.ReadAll(_factory.BootstrapServers, _topic).ToDictionary(r => (r.Partition, r.Offset), r => Encoding.UTF8.GetString(r.Value!));
        for (var i = 0; i < offsets.Length; i++)
        {
            if (offsets[i].GetProperty("error_code").ValueKind == JsonValueKind.Null)
            {
                Assert.Equal($"\"in-flight{i}\"", stored[(offsets[i].GetProperty("partition").GetInt32(), offsets[i].GetProperty("offset").GetInt64())]);
            }
        }

        Assert.DoesNotContain(stored.Values, v => v.StartsWith("\"refused", StringComparison.Ordinal));
        Assert.Equal(3, stored.Values.Count(v => v.StartsWith("\"after", StringComparison.Ordinal)));
        Assert.Single(stored.Values, v => v == "\"warm0\"");
        Assert.Contains("failed fatally", _logs.All, StringComparison.Ordinal);
        var metrics = await (await _client.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("gateway_kafka_producer_rebuilds_total", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfOrderSequenceFromTheBroker_RecordsRetriableNot50002_ThenANewProducerServes()
    {
        Assert.Equal(200, (int)(await Rest.PostAsync(_client, $"/topics/{_topic}", Batch(1, "warm"))).StatusCode);
        _factory.Cluster.PushRequestErrors(EmbeddedKafkaCluster.ProduceApiKey, OutOfOrderSequenceNumber, OutOfOrderSequenceNumber, OutOfOrderSequenceNumber);

        var failed = await Rest.PostAsync(_client, $"/topics/{_topic}", Batch(2, "lost"));

        Assert.Equal(200, (int)failed.StatusCode);
        Assert.All((await Rest.JsonAsync(failed)).GetProperty("offsets").EnumerateArray(), o => Assert.Equal(50003, o.GetProperty("error_code").GetInt32()));
        Assert.NotNull(failed.Headers.RetryAfter);
        await Until(async () => (int)(await _client.GetAsync("/health/ready")).StatusCode == 503);

        // The pushed errors answer the next Produce requests of whichever producer sends them, so a new
        // producer may meet the ones left and fail too: each is replaced in turn, until one is served.
        var delivered = false;
        for (var attempt = 0; attempt < 4 && !delivered; attempt++)
        {
            // Time passes until a producer serves: one built meanwhile may fail on a pushed error left.
            await Until(async () =>
            {
                _time.Advance(TimeSpan.FromSeconds(30));
                return (int)(await _client.GetAsync("/health/ready")).StatusCode == 200;
            });
            var again = await Rest.PostAsync(_client, $"/topics/{_topic}", Batch(1, "again"));
            var offset = (await Rest.JsonAsync(again)).GetProperty("offsets")[0];
            delivered = offset.GetProperty("error_code").ValueKind == JsonValueKind.Null;
            Assert.True(delivered || offset.GetProperty("error_code").GetInt32() == 50003, offset.GetRawText());
        }

        Assert.True(delivered, "no new producer was served after the three pushed errors were used up");
        Assert.Contains(KafkaReader.ReadAll(_factory.BootstrapServers, _topic), r => Encoding.UTF8.GetString(r.Value!) == "\"again0\"");
    }

    [Fact]
    public async Task RepeatedFatalErrors_WaitLongerEachTime()
    {
        Assert.Equal(200, (int)(await Rest.PostAsync(_client, $"/topics/{_topic}", Batch(1, "warm"))).StatusCode);

        FatalErrors.Raise(Producer.Handle, ErrorCode.OutOfOrderSequenceNumber, "first");
        await Until(() => Task.FromResult(_logs.All.Contains("new producer is built in 1 s", StringComparison.Ordinal)));
        await WaitOutRebuildAsync(generation: 2, TimeSpan.FromSeconds(1));

        FatalErrors.Raise(Producer.Handle, ErrorCode.OutOfOrderSequenceNumber, "second");
        await Until(() => Task.FromResult(_logs.All.Contains("new producer is built in 2 s", StringComparison.Ordinal)));
        await WaitOutRebuildAsync(generation: 3, TimeSpan.FromSeconds(2));
        Assert.Equal(200, (int)(await Rest.PostAsync(_client, $"/topics/{_topic}", Batch(1, "third"))).StatusCode);
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>
    /// Lets the rebuild's wait pass until the producer of that generation is built, then waits for readiness. The
    /// wait may start after the log line says it will, so time moves on in steps of it until the build happens.
    /// </summary>
    private async Task WaitOutRebuildAsync(int generation, TimeSpan wait)
    {
        await Until(() =>
        {
            var built = _logs.All.Contains($"Kafka producer {generation} (", StringComparison.Ordinal);
            if (!built)
            {
                _time.Advance(wait);
            }

            return Task.FromResult(built);
        });
        await Until(async () => (int)(await _client.GetAsync("/health/ready")).StatusCode == 200);
    }

    private static string Batch(int records, string tag) =>
        "{\"records\":[" + string.Join(',', Enumerable.Range(0, records).Select(i => $"{{\"value\":\"{tag}{i}\"}}")) + "]}";

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(50);
        }
    }
}
