using Gateway.Kafka.Embedded;
using Gateway.Tests.Support;

namespace Gateway.Tests.Consume;

/// <summary>
/// Three gateway processes on one cluster behind a round-robin proxy with no affinity: a client that
/// knows only the proxy creates, subscribes, reads, commits and deletes, whichever gateway each request
/// reaches; then one gateway is killed and the others carry on.
/// </summary>
public sealed class ConsumeFleetTests : IAsyncLifetime, IDisposable
{
    private const int Partitions = 6;
    private readonly EmbeddedKafkaCluster _cluster = new(3);
    private readonly List<GatewayProcess> _gateways = [];
    private RoundRobinProxy? _proxy;

    public async Task InitializeAsync()
    {
        // The processes reach this cluster as an external one, which cannot create topics: create them here.
        _cluster.CreateTopic("_gateway_consumer_instances", 1, 3);
        var settings = new Dictionary<string, string>
        {
            ["Cluster__AdvertisedUrl"] = "http://127.0.0.1:{port}",
            ["Consumers__SessionTimeoutMs"] = "6000",
            ["Consumers__FetchWaitMaxMs"] = "50",
        };
        _gateways.AddRange(await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => GatewayProcess.StartAsync(_cluster.BootstrapServers, settings))));
        _proxy = await RoundRobinProxy.StartAsync(_gateways.Select(g => g.Port));
    }

    public void Dispose() => _cluster.Dispose();

    public Task DisposeAsync()
    {
        _proxy?.Dispose();
        foreach (var gateway in _gateways)
        {
            gateway.Dispose();
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task ClientOfTheProxy_RunsTheWholeConsumerApi_WithNo40403_AndWhenAGatewayDiesTheOthersCarryOn()
    {
        var client = _proxy!.Client;
        var topic = TestTopics.Fresh();
        _cluster.CreateTopic(topic, Partitions, 1);
        Produce(topic, 0, 20);
        var group = $"fleet-{Guid.NewGuid():N}";

        // Round robin puts each create on another gateway; each subscribe then goes to a different one again.
        var consumers = new List<RestConsumer>();
        for (var i = 0; i < 3; i++)
        {
            consumers.Add(await RestConsumer.CreateAsync(client, group, """{"format":"binary","auto.offset.reset":"earliest","auto.commit.enable":"false"}"""));
        }

        foreach (var consumer in consumers)
        {
            await consumer.SubscribeAsync(topic);
        }

        var seen = await ReadAllAsync(consumers, Partitions * 20);
        Assert.Equal(Partitions * 20, seen.Count);
        foreach (var gateway in _gateways)
        {
            var metrics = await gateway.Client.GetStringAsync("/metrics");
            Assert.Equal(1, Metric(metrics, "gateway_consumer_instances"));
            Assert.True(Metric(metrics, "gateway_consumer_forwarded_total{outcome=\"answered\"}") > 0, "every gateway forwarded requests to the owners");
        }

        // One gateway dies without a word: its instance is gone, its partitions go to the other two.
        var dead = _gateways[2];
        dead.Kill();
        var lost = new List<RestConsumer>();
        foreach (var consumer in consumers)
        {
            var response = await consumer.GetRecordsAsync(query: "timeout=100");
            if ((int)response.StatusCode == 404)
            {
                await Rest.AssertErrorAsync(response, 404, 40403);
                lost.Add(consumer);
            }
        }

        var survivors = consumers.Except(lost).ToList();
        Produce(topic, 20, 10);
        // Records whose commit Kafka refused during a rebalance may come again (at least once): count the new ones.
        var after = await ReadAllAsync(survivors, Partitions * 10, fromOffset: 20);
        foreach (var consumer in survivors)
        {
            await consumer.DeleteAsync();
        }

        Assert.Single(lost);
        Assert.Equal(Partitions * 10, after.Count);
    }

    private void Produce(string topic, int start, int perPartition)
    {
        for (var partition = 0; partition < Partitions; partition++)
        {
            TestProducer.Produce(_cluster.BootstrapServers, topic, partition,
                [.. Enumerable.Range(start, perPartition).Select(i => System.Text.Encoding.UTF8.GetBytes($"{partition}:{i}"))]);
        }
    }

    /// <summary>
    /// Reads and commits through the proxy until <paramref name="count"/> distinct records at or past
    /// <paramref name="fromOffset"/> came; any error fails.
    /// </summary>
    private static async Task<HashSet<(int Partition, long Offset)>> ReadAllAsync(List<RestConsumer> consumers, int count, long fromOffset = 0)
    {
        var seen = new HashSet<(int Partition, long Offset)>();
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (seen.Count < count && DateTime.UtcNow < deadline)
        {
            foreach (var consumer in consumers)
            {
                var records = await consumer.ReadAsync(query: "timeout=300");
                seen.UnionWith(records.Select(r => (r.GetProperty("partition").GetInt32(), r.GetProperty("offset").GetInt64())).Where(r => r.Item2 >= fromOffset));
                // While the group rebalances Kafka refuses commits as retriable (500 / 50003), never as a lost instance.
                var commit = await consumer.PostAsync("/offsets", null);
                if ((int)commit.StatusCode != 200)
                {
                    await Rest.AssertErrorAsync(commit, 500, 50003);
                    Assert.NotNull(commit.Headers.RetryAfter);
                }
            }
        }

        return seen;
    }

    private static double Metric(string metrics, string name)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
