using Gateway.Tests.Support;

namespace Gateway.Tests.Consume;

/// <summary>Commits: kafka-rest's answers, committed = last record read + 1, and synchronous unless asked otherwise.</summary>
[Collection(SharedGatewayGroup.Name)]
public sealed class ConsumeOffsetsTests(SharedGateway gateway)
{
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    private (string Topic, string Group) Fresh(int records)
    {
        var topic = TestTopics.Fresh();
        gateway.Factory.Cluster.CreateTopic(topic, 2, 1);
        TestProducer.Produce(gateway.Factory.BootstrapServers, topic, 0, [.. Enumerable.Range(0, records).Select(i => new byte[] { (byte)i })]);
        return (topic, $"g-{Guid.NewGuid():N}");
    }

    private static string Partitions(string topic) => $$"""{"partitions":[{"topic":"{{topic}}","partition":0},{"topic":"{{topic}}","partition":1}]}""";

    [Fact]
    public async Task Commit_WithoutBody_CommitsTheLastRecordReturnedPlusOne_NotWhatWasFetchedAhead()
    {
        var (topic, group) = Fresh(10);
        // fetch.min.bytes 1: a read waits for a second one-byte record; max_bytes 3 then holds the third back.
        var consumer = await RestConsumer.CreateAsync(_client, group, """{"auto.offset.reset":"earliest","auto.commit.enable":"false","fetch.min.bytes":1}""");
        await consumer.AssignAsync(topic, 0);

        var read = await consumer.ReadAtLeastAsync(1, query: "timeout=5000&max_bytes=3");
        var commit = await consumer.PostAsync("/offsets", null);
        var committed = await Rest.JsonAsync(await consumer.GetWithBodyAsync("/offsets", Partitions(topic)));

        Assert.Equal([0L, 1L], read.Select(r => r.GetProperty("offset").GetInt64()));
        Assert.Equal(200, (int)commit.StatusCode);
        Assert.Equal("[]", await commit.Content.ReadAsStringAsync());
        Assert.Equal($$"""{"offsets":[{"topic":"{{topic}}","partition":0,"offset":2,"metadata":""}]}""", committed.GetRawText());
    }

    [Fact]
    public async Task Commit_AnotherInstanceOfTheGroup_ResumesAfterTheCommittedRecord()
    {
        var (topic, group) = Fresh(6);
        var first = await RestConsumer.CreateAsync(_client, group, """{"auto.offset.reset":"earliest","auto.commit.enable":"false","fetch.min.bytes":2}""");
        await first.AssignAsync(topic, 0);
        Assert.Equal(3, (await first.ReadAtLeastAsync(1, query: "timeout=5000&max_bytes=4")).Count);
        Assert.Equal(200, (int)(await first.PostAsync("/offsets", null)).StatusCode);
        await first.DeleteAsync();

        var second = await RestConsumer.CreateAsync(_client, group, """{"auto.offset.reset":"earliest"}""");
        await second.AssignAsync(topic, 0);
        var rest = await second.ReadAtLeastAsync(3, query: "timeout=5000");

        Assert.Equal([3L, 4L, 5L], rest.Select(r => r.GetProperty("offset").GetInt64()));
    }

    [Fact]
    public async Task Commit_NamedOffsets_CommitsEachPlusOne_AndNothingReadIsNoError()
    {
        var (topic, group) = Fresh(1);
        var consumer = await RestConsumer.CreateAsync(_client, group);
        await consumer.AssignAsync(topic, 0, 1);

        Assert.Equal(200, (int)(await consumer.PostAsync("/offsets", null)).StatusCode);
        var commit = await consumer.PostAsync("/offsets", $$"""{"offsets":[{"topic":"{{topic}}","partition":1,"offset":41,"metadata":"m"}]}""");
        var committed = await Rest.JsonAsync(await consumer.GetWithBodyAsync("/offsets", Partitions(topic)));

        Assert.Equal("[]", await commit.Content.ReadAsStringAsync());
        Assert.Equal($$"""{"offsets":[{"topic":"{{topic}}","partition":1,"offset":42,"metadata":""}]}""", committed.GetRawText());
    }

    [Fact]
    public async Task Commit_AsyncTrue_AnswersAtOnce_AndTheCommitLands()
    {
        var (topic, group) = Fresh(3);
        var consumer = await RestConsumer.CreateAsync(_client, group, """{"auto.offset.reset":"earliest","auto.commit.enable":"false"}""");
        await consumer.AssignAsync(topic, 0);
        await consumer.ReadAtLeastAsync(3, query: "timeout=5000");

        var commit = await Rest.PostAsync(_client, consumer.Path + "/offsets?async=true", null, null);
        string committed;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            committed = (await Rest.JsonAsync(await consumer.GetWithBodyAsync("/offsets", Partitions(topic)))).GetRawText();
        }
        while (!committed.Contains("\"offset\":3", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Equal(200, (int)commit.StatusCode);
        Assert.Contains("\"offset\":3", committed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_BadBody_IsKafkaRestsError()
    {
        var (topic, group) = Fresh(0);
        var consumer = await RestConsumer.CreateAsync(_client, group);

        await Rest.AssertErrorAsync(await consumer.PostAsync("/offsets", """{"offsets":[{"topic":"t","partition":0}]}"""), 422, 422);
        await Rest.AssertErrorAsync(await consumer.PostAsync("/offsets", """{"offsets":[{"topic":"t","partition":"zero","offset":1}]}"""), 400, 400);
        await Rest.AssertErrorAsync(await consumer.PostAsync("/offsets", $$"""{"offset":[{"topic":"{{topic}}"}]}"""), 422, 422);
    }
}
