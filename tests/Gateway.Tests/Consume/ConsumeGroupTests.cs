using System.Diagnostics;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Consume;

/// <summary>
/// Instances in one group: partitions shared, moved on a rebalance without stale records, released at
/// once. The embedded cluster completes a rebalance only when its timer (the session timeout less a
/// second) runs out, so these tests use a short session timeout and wait that long.
/// </summary>
public sealed class ConsumeGroupTests : IDisposable
{
    private readonly GatewayFactory _factory = new(new Dictionary<string, string?> { ["Consumers:SessionTimeoutMs"] = "6000" });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TwoInstances_ShareTheTopic_ReadEveryRecord_AndAfterTheRebalanceOnlyTheirOwnPartitions()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();
        _factory.Cluster.CreateTopic(topic, 4, 1);
        for (var partition = 0; partition < 4; partition++)
        {
            TestProducer.Produce(_factory.BootstrapServers, topic, partition, [.. Enumerable.Range(0, 25).Select(_ => new byte[10])]);
        }

        var group = $"g-{Guid.NewGuid():N}";
        var first = await RestConsumer.CreateAsync(client, group);
        await first.SubscribeAsync(topic);
        // A small read, so the first instance holds records back when the group moves partitions away.
        var seen = new HashSet<(int Partition, long Offset)>((await first.ReadAtLeastAsync(1, query: "timeout=5000&max_bytes=25")).Select(Position));
        var second = await RestConsumer.CreateAsync(client, group);
        await second.SubscribeAsync(topic);
        await WaitForAsync(async () => Partitions(await first.GetJsonAsync("/assignments")).Count > 0
            && Partitions(await second.GetJsonAsync("/assignments")).Count > 0);
        var firstPartitions = Partitions(await first.GetJsonAsync("/assignments"));
        var secondPartitions = Partitions(await second.GetJsonAsync("/assignments"));

        var strays = new List<(int, long)>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (seen.Count < 100 && DateTime.UtcNow < deadline)
        {
            foreach (var (consumer, own) in new[] { (first, firstPartitions), (second, secondPartitions) })
            {
                var records = (await consumer.ReadAsync(query: "timeout=200&max_bytes=25")).Select(Position).ToList();
                strays.AddRange(records.Where(r => !own.Contains(r.Item1)));
                seen.UnionWith(records);
            }
        }

        Assert.Equal(4, firstPartitions.Count + secondPartitions.Count);
        Assert.Empty(firstPartitions.Intersect(secondPartitions));
        Assert.Empty(strays);
        Assert.Equal(100, seen.Count);
    }

    [Fact]
    public async Task Delete_LeavesTheGroupAtOnce_TheOtherInstanceGetsEveryPartition()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Consumers:SessionTimeoutMs"] = "12000" });
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        factory.Cluster.CreateTopic(topic, 4, 1);
        var group = $"g-{Guid.NewGuid():N}";
        var leaving = await RestConsumer.CreateAsync(client, group);
        var staying = await RestConsumer.CreateAsync(client, group);
        await leaving.SubscribeAsync(topic);
        await staying.SubscribeAsync(topic);
        await WaitForAsync(async () => Partitions(await leaving.GetJsonAsync("/assignments")).Count > 0
            && Partitions(await staying.GetJsonAsync("/assignments")).Count > 0);

        var clock = Stopwatch.StartNew();
        await leaving.DeleteAsync();
        // The staying instance is never read from: it serves the group's rebalance on its own. A member
        // that vanished without leaving would be noticed only after the 12 s session timeout.
        await WaitForAsync(async () => Partitions(await staying.GetJsonAsync("/assignments")).Count < 4);
        var rebalanceStarted = clock.Elapsed;
        await WaitForAsync(async () => Partitions(await staying.GetJsonAsync("/assignments")).Count == 4);

        Assert.True(rebalanceStarted < TimeSpan.FromSeconds(9), $"the group began to rebalance {rebalanceStarted} after the delete");
    }

    [Fact]
    public async Task Shutdown_OfAGateway_ClosesItsInstances_AndTheGroupRebalancesAtOnce()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Consumers:SessionTimeoutMs"] = "12000" });
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        factory.Cluster.CreateTopic(topic, 4, 1);
        var group = $"g-{Guid.NewGuid():N}";
        var staying = await RestConsumer.CreateAsync(client, group);
        await staying.SubscribeAsync(topic);
        using var other = await GatewayProcess.StartAsync(factory.BootstrapServers, new Dictionary<string, string>
        {
            ["Consumers__SessionTimeoutMs"] = "12000",
            ["Consumers__FetchWaitMaxMs"] = "50",
        });
        var stopping = await RestConsumer.CreateAsync(other.Client, group);
        await stopping.SubscribeAsync(topic);
        await WaitForAsync(async () => Partitions(await stopping.GetJsonAsync("/assignments")).Count > 0
            && Partitions(await staying.GetJsonAsync("/assignments")).Count > 0);

        var clock = Stopwatch.StartNew();
        other.Terminate();
        await WaitForAsync(async () => Partitions(await staying.GetJsonAsync("/assignments")).Count < 4);
        var rebalanceStarted = clock.Elapsed;
        await WaitForAsync(async () => Partitions(await staying.GetJsonAsync("/assignments")).Count == 4);

        // A gateway that vanished without closing its consumers would be noticed only after the 12 s session timeout.
        Assert.True(rebalanceStarted < TimeSpan.FromSeconds(9), $"the group began to rebalance {rebalanceStarted} after SIGTERM");
    }

    [Fact]
    public async Task ConsumerGroupDirectory_ListsThisGatewaysMembers_WithIdsAndAssignments()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();
        _factory.Cluster.CreateTopic(topic, 2, 1);
        var group = $"g-{Guid.NewGuid():N}";
        var consumer = await RestConsumer.CreateAsync(client, group, """{"name":"listed"}""");
        await consumer.SubscribeAsync(topic);
        await WaitForAsync(async () => Partitions(await consumer.GetJsonAsync("/assignments")).Count == 2);

        var directory = _factory.Services.GetRequiredService<Gateway.Kafka.IConsumerGroupDirectory>();
        var member = Assert.Single(Assert.Single(directory.Groups(), g => g.GroupId == group).Members);

        Assert.Equal("listed", member.InstanceId);
        Assert.Equal("listed", member.ClientId);
        Assert.False(string.IsNullOrEmpty(member.ConsumerId));
        Assert.Equal([0, 1], member.Assignments.Select(p => p.Partition.Value));
    }

    [Fact]
    public async Task IdleInstance_Expires_LeavingItsGroup_AndAnswers40403()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Consumers:InstanceTimeoutMs"] = "3000",
            ["Consumers:SessionTimeoutMs"] = "6000",
        });
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        factory.Cluster.CreateTopic(topic, 2, 1);
        var group = $"g-{Guid.NewGuid():N}";
        var idle = await RestConsumer.CreateAsync(client, group);
        await idle.SubscribeAsync(topic);
        // A member that closes before the group answered its first join cannot leave it; let it join.
        await WaitForAsync(async () => Partitions(await idle.GetJsonAsync("/assignments")).Count > 0);
        var busy = await RestConsumer.CreateAsync(client, group);
        await busy.SubscribeAsync(topic);

        // Only the busy instance is used; the idle one expires and its partitions come to the busy one.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(40) && Partitions(await busy.GetJsonAsync("/assignments")).Count < 2)
        {
            await busy.ReadAsync(query: "timeout=500");
        }

        Assert.Equal(2, Partitions(await busy.GetJsonAsync("/assignments")).Count);
        await Rest.AssertErrorAsync(await idle.GetRecordsAsync(), 404, 40403);
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Matches("gateway_consumer_instances_expired_total [1-9]", metrics);
    }

    [Fact]
    public async Task Instances_PastTheLimit_Are429WithRetryAfter_UntilOneIsDeleted()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Consumers:MaxInstances"] = "2" });
        var client = factory.CreateClient();
        var one = await RestConsumer.CreateAsync(client, "g");
        await RestConsumer.CreateAsync(client, "g");

        var refused = await Rest.PostAsync(client, "/consumers/g", null, null);
        await Rest.AssertErrorAsync(refused, 429, 429);
        Assert.NotNull(refused.Headers.RetryAfter);
        await one.DeleteAsync();
        await RestConsumer.CreateAsync(client, "g");
    }

    [Fact]
    public async Task Metrics_CountInstancesReadsRecordsByTopicRebalancesAndLag()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();
        _factory.Cluster.CreateTopic(topic, 1, 1);
        TestProducer.Produce(_factory.BootstrapServers, topic, 0, [1], [2], [3], [4]);
        var consumer = await RestConsumer.CreateAsync(client, "metered", """{"auto.offset.reset":"earliest","fetch.min.bytes":1}""");
        await consumer.SubscribeAsync(topic);

        await consumer.ReadAtLeastAsync(1, query: "timeout=5000&max_bytes=3");
        var metrics = await client.GetStringAsync("/metrics");

        // The series are the process's, and other tests' gateways run beside this one.
        Assert.Matches("gateway_consumer_instances [1-9]", metrics);
        Assert.Contains($"gateway_records_consumed_total{{topic=\"{topic}\"}} 2", metrics, StringComparison.Ordinal);
        Assert.Matches("gateway_consumer_reads_total\\{outcome=\"records\"\\} [1-9]", metrics);
        Assert.Matches("gateway_consumer_rebalances_total [1-9]", metrics);
        Assert.Contains($"gateway_consumer_lag_records{{group=\"metered\",instance=\"{consumer.Instance}\"}} 2", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartitionsRevokedWhilePausedBetweenReads_AreReadAgain_WhenTheRebalanceGivesThemBack()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();
        _factory.Cluster.CreateTopic(topic, 2, 1);
        var group = $"g-{Guid.NewGuid():N}";
        var first = await RestConsumer.CreateAsync(client, group);
        await first.SubscribeAsync(topic);
        await WaitForAsync(async () => Partitions(await first.GetJsonAsync("/assignments")).Count == 2);
        Assert.Empty(await first.ReadAsync(query: "timeout=200"));
        // Between reads an instance stops fetching ahead after a second: both partitions are paused now.
        await Task.Delay(TimeSpan.FromSeconds(2));

        // A second instance joins; the first gives its paused partitions up while nobody reads it.
        var second = await RestConsumer.CreateAsync(client, group);
        await second.SubscribeAsync(topic);
        await WaitForAsync(async () => Partitions(await first.GetJsonAsync("/assignments")).Count == 0);

        // From here the first instance is read without pause, so the group gives a partition back during a read.
        int? kept = null;
        var records = new List<(int, long)>();
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (records.Count < 3 && DateTime.UtcNow < deadline)
        {
            records.AddRange((await first.ReadAsync(query: "timeout=200")).Select(Position));
            if (kept is null && Partitions(await first.GetJsonAsync("/assignments")) is [var only])
            {
                kept = only;
                TestProducer.Produce(_factory.BootstrapServers, topic, only, [.. Enumerable.Range(0, 3).Select(i => new byte[] { (byte)i })]);
            }
        }

        Assert.NotNull(kept);
        Assert.Equal([(kept.Value, 0L), (kept.Value, 1L), (kept.Value, 2L)], records.Order());
    }

    private static (int, long) Position(System.Text.Json.JsonElement record) =>
        (record.GetProperty("partition").GetInt32(), record.GetProperty("offset").GetInt64());

    private static List<int> Partitions(System.Text.Json.JsonElement assignments) =>
        [.. assignments.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("partition").GetInt32())];

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        // A group's first assignment can take several of the embedded cluster's rebalance rounds on a busy machine.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 90 s");
            await Task.Delay(100);
        }
    }
}
