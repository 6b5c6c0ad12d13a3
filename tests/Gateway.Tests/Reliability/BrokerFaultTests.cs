using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Gateway.Kafka.Embedded;
using Gateway.Tests.Support;

namespace Gateway.Tests.Reliability;

/// <summary>
/// Broker faults from the embedded cluster's fault injection: whatever happens, a 200 means the record is
/// in Kafka exactly once at the offset the answer gave, and no request hangs or gets a 500.
/// </summary>
public sealed class BrokerFaultTests
{
    private const short Produce = EmbeddedKafkaCluster.ProduceApiKey;
    private const int NotLeaderOrFollower = 6;
    private const int RequestTimedOut = 7;
    private const int NotEnoughReplicas = 19;
    private const int DuplicateSequenceNumber = 46;

    /// <summary>
    /// librdkafka reports DUPLICATE_SEQUENCE_NUMBER as a success without an offset (the broker says it has
    /// the batch already, but not where): the record must not be answered as delivered at offset -1001.
    /// </summary>
    [Fact]
    public async Task SuccessWithoutAnOffset_IsAnsweredOutcomeUnknown_Retriable_NeverDelivered()
    {
        using var factory = new GatewayFactory();
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        var warm = await Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":"warm"}]}""");
        Assert.True((int)warm.StatusCode == 200, await warm.Content.ReadAsStringAsync());

        factory.Cluster.PushRequestErrors(Produce, DuplicateSequenceNumber);
        var response = await Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":"unsure"}]}""");

        var offset = (await Rest.JsonAsync(response)).GetProperty("offsets")[0];
        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(offset.GetProperty("error_code").ValueKind == JsonValueKind.Number, offset.GetRawText());
        Assert.Equal(50003, offset.GetProperty("error_code").GetInt32());
        Assert.Contains("outcome is unknown", offset.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, offset.GetProperty("offset").ValueKind);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task ConcurrentLoad_WhileLeadersMoveBrokersRestartAndRequestsFail_EveryAcknowledgedRecordStoredOnce()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Kafka:DeliveryTimeoutMs"] = "10000" });
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":"warm"}]}""")).StatusCode);
        var acknowledged = new ConcurrentDictionary<(int, long), string>();
        var statuses = new ConcurrentBag<int>();
        var faults = Task.Run(async () =>
        {
            var cluster = factory.Cluster;
            for (var round = 0; round < 18; round++)
            {
                cluster.PushRequestErrors(Produce, round % 3 switch { 0 => NotLeaderOrFollower, 1 => RequestTimedOut, _ => NotEnoughReplicas });
                if (round % 2 == 0)
                {
                    cluster.SetPartitionLeader(topic, round % 3, ((round / 2) % 3) + 1);
                }

                if (round % 6 == 5)
                {
                    var broker = (round % 3) + 1;
                    cluster.SetBrokerDown(broker);
                    await Task.Delay(200);
                    cluster.SetBrokerUp(broker);
                }

                await Task.Delay(300);
            }
        });

        var producers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var request = 0; !faults.IsCompleted || request < 5; request++)
            {
                var values = Enumerable.Range(0, 10).Select(i => $"w{worker}-q{request}-r{i}").ToArray();
                var body = "{\"records\":[" + string.Join(',', values.Select(v => $"{{\"value\":\"{v}\"}}")) + "]}";
                var response = await Rest.PostAsync(client, $"/topics/{topic}", body);
                statuses.Add((int)response.StatusCode);
                var offsets = (await Rest.JsonAsync(response)).GetProperty("offsets");
                for (var i = 0; i < values.Length; i++)
                {
                    if (offsets[i].GetProperty("error_code").ValueKind == JsonValueKind.Null)
                    {
                        Assert.True(acknowledged.TryAdd((offsets[i].GetProperty("partition").GetInt32(), offsets[i].GetProperty("offset").GetInt64()), $"\"{values[i]}\""));
                    }
                    else
                    {
                        // Failed records are answered as failed; the mock also reports OFFSET_OUT_OF_RANGE (50002) after leader moves.
                        Assert.True(offsets[i].GetProperty("error_code").GetInt32() is 50002 or 50003, offsets[i].GetRawText());
                    }
                }
            }
        })).ToArray();

        await faults;
        await Task.WhenAll(producers);
        for (var broker = 1; broker <= 3; broker++)
        {
            factory.Cluster.SetBrokerUp(broker);
        }

        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.True(acknowledged.Count >= 400, $"only {acknowledged.Count} records were acknowledged");
        var stored = KafkaReader.ReadAll(factory.BootstrapServers, topic);
        var byPosition = stored.ToDictionary(r => (r.Partition, r.Offset), r => Encoding.UTF8.GetString(r.Value!));
        foreach (var (position, value) in acknowledged)
        {
            Assert.Equal(value, byPosition[position]);
        }

        var duplicates = stored.GroupBy(r => Encoding.UTF8.GetString(r.Value!)).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.Empty(duplicates);
    }

    [Fact]
    public async Task AllBrokersDownPastTheDeliveryTimeout_AnsweredInTime_Retriable_ThenRecoversByItself()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Kafka:DeliveryTimeoutMs"] = "2000",
            ["Kafka:MetadataTimeoutMs"] = "1000",
        });
        var client = factory.CreateClient();
        var known = TestTopics.Fresh();
        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{known}", """{"records":[{"value":0}]}""")).StatusCode);
        for (var broker = 1; broker <= 3; broker++)
        {
            factory.Cluster.SetBrokerDown(broker);
        }

        var started = DateTime.UtcNow;
        var toKnown = await Rest.PostAsync(client, $"/topics/{known}", """{"records":[{"value":1},{"value":2}]}""");
        var toNew = await Rest.PostAsync(client, $"/topics/{TestTopics.Fresh()}", """{"records":[{"value":1}]}""");
        var elapsed = DateTime.UtcNow - started;

        Assert.Equal(200, (int)toKnown.StatusCode);
        Assert.NotNull(toKnown.Headers.RetryAfter);
        Assert.All((await Rest.JsonAsync(toKnown)).GetProperty("offsets").EnumerateArray(), o => Assert.Equal(50003, o.GetProperty("error_code").GetInt32()));
        await Rest.AssertErrorAsync(toNew, 503, 50302);
        Assert.NotNull(toNew.Headers.RetryAfter);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"answers took {elapsed}");

        for (var broker = 1; broker <= 3; broker++)
        {
            factory.Cluster.SetBrokerUp(broker);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((int)(await Rest.PostAsync(client, $"/topics/{known}", """{"records":[{"value":3}]}""")).StatusCode != 200
            || KafkaReader.ReadAll(factory.BootstrapServers, known).All(r => Encoding.UTF8.GetString(r.Value!) != "3"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the gateway did not recover within 30 s of the brokers returning");
            await Task.Delay(200);
        }
    }
}
