using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Gateway.Tests.Support;

namespace Gateway.Tests.Consume;

/// <summary>
/// Records written by an independent producer, read back through the consumer API: byte for byte in
/// kafka-rest's shape, json and binary, and the gateway's answers to what kafka-rest gets wrong.
/// </summary>
[Collection(SharedGatewayGroup.Name)]
public sealed class ConsumeRecordsTests(SharedGateway gateway)
{
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    private string Topic(string table = "pin")
    {
        var topic = TestTopics.Fresh(table);
        gateway.Factory.Cluster.CreateTopic(topic, 3, 3);
        return topic;
    }

    [Fact]
    public async Task BinaryRead_IndependentRecords_AreKafkaRestsBytes_InItsFieldOrder()
    {
        var topic = Topic();
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        TestProducer.Produce(gateway.Factory.BootstrapServers, topic,
            [TestProducer.Message("k1"u8.ToArray(), all), TestProducer.Message(null, []), TestProducer.Message([0xff, 0x00], null)]);
        var consumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}");
        await consumer.AssignAsync(topic, 0);

        var response = await ReadUntilSomeAsync(consumer, Rest.BinaryV2, "timeout=5000");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(Rest.BinaryV2, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            $$"""[{"topic":"{{topic}}","key":"azE=","value":"{{Convert.ToBase64String(all)}}","partition":0,"offset":0},"""
            + $$"""{"topic":"{{topic}}","key":null,"value":"","partition":0,"offset":1},"""
            + $$"""{"topic":"{{topic}}","key":"/wA=","value":null,"partition":0,"offset":2}]""",
            text);
    }

    [Fact]
    public async Task JsonRead_RealPinterestRows_AreTheStoredJson()
    {
        var topic = Topic("user");
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Produce", "Data", "user.compact.jsonl")).Take(20).ToArray();
        TestProducer.Produce(gateway.Factory.BootstrapServers, topic,
            rows.Select((row, i) => TestProducer.Message(Encoding.UTF8.GetBytes($"\"user-{i}\""), Encoding.UTF8.GetBytes(row))));
        var consumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}", """{"format":"json","auto.offset.reset":"earliest"}""");
        await consumer.AssignAsync(topic, 0);

        var records = await consumer.ReadAtLeastAsync(rows.Length, Rest.JsonV2);

        Assert.Equal(rows, records.Select(r => r.GetProperty("value").GetRawText()));
        Assert.Equal(Enumerable.Range(0, rows.Length).Select(i => $"\"user-{i}\""), records.Select(r => r.GetProperty("key").GetRawText()));
        Assert.Equal(Enumerable.Range(0, rows.Length).Select(i => (long)i), records.Select(r => r.GetProperty("offset").GetInt64()));
    }

    [Fact]
    public async Task JsonRead_JsonWrittenWithSpaces_IsShownCompact_WithTextAndNumbersAsStored()
    {
        var topic = Topic();
        TestProducer.Produce(gateway.Factory.BootstrapServers, topic, 0, Encoding.UTF8.GetBytes("{ \"name\" : \"Zo\\u00eb\",\n \"price\": 1.50, \"tags\": [ 1, 2 ] }"));
        var consumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}", """{"format":"json","auto.offset.reset":"earliest"}""");
        await consumer.AssignAsync(topic, 0);

        var records = await consumer.ReadAtLeastAsync(1, Rest.JsonV2);

        Assert.Equal("""{"name":"Zoë","price":1.50,"tags":[1,2]}""", records[0].GetProperty("value").GetRawText());
    }

    [Fact]
    public async Task Read_ReturnsAsSoonAsARecordArrives_NotAtTheEndOfItsTimeout()
    {
        var topic = Topic();
        var consumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}");
        await consumer.AssignAsync(topic, 0);
        Assert.Empty(await consumer.ReadAsync(query: "timeout=200"));

        var read = consumer.ReadAsync(query: "timeout=20000");
        await Task.Delay(300);
        var produced = Stopwatch.StartNew();
        TestProducer.Produce(gateway.Factory.BootstrapServers, topic, 0, "late"u8.ToArray());
        var records = await read;

        Assert.Single(records);
        // Far below the 20 s the read was allowed: it ended because the record came.
        Assert.True(produced.Elapsed < TimeSpan.FromSeconds(10), $"answered {produced.Elapsed} after the record was written");
    }

    [Fact]
    public async Task Read_WithNothingToRead_WaitsNoLongerThanConsumersMaxReadWaitMs()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Consumers:MaxReadWaitMs"] = "500" });
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        factory.Cluster.CreateTopic(topic, 1, 1);
        var consumer = await RestConsumer.CreateAsync(client, "g");
        await consumer.AssignAsync(topic, 0);

        var clock = Stopwatch.StartNew();
        Assert.Empty(await consumer.ReadAsync(query: "timeout=60000"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"a read asked to wait 60 s took {clock.Elapsed}");
    }

    [Fact]
    public async Task Read_RecordLargerThanMaxBytes_ComesAlone_ThenTheNextRecords()
    {
        var topic = Topic();
        var big = new byte[200_000];
        Random.Shared.NextBytes(big);
        TestProducer.Produce(gateway.Factory.BootstrapServers, topic, 0, big, "a"u8.ToArray(), "b"u8.ToArray());
        var consumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}");
        await consumer.AssignAsync(topic, 0);

        var first = await consumer.ReadAtLeastAsync(1, query: "timeout=5000&max_bytes=1000");
        var rest = await consumer.ReadAtLeastAsync(2, query: "timeout=5000&max_bytes=1000");

        Assert.Equal(Convert.ToBase64String(big), Assert.Single(first).GetProperty("value").GetString());
        Assert.Equal([1L, 2L], rest.Select(r => r.GetProperty("offset").GetInt64()));
    }

    [Fact]
    public async Task Read_MaxBytes_BoundsKeyAndValueBytes_AsKafkaRestDoes()
    {
        var topic = Topic();
        TestProducer.Produce(gateway.Factory.BootstrapServers, topic, 0, [.. Enumerable.Range(0, 5).Select(_ => new byte[40])]);
        // fetch.min.bytes 50: a read waits for a second record rather than answering with the first.
        var consumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}", """{"auto.offset.reset":"earliest","fetch.min.bytes":50}""");
        await consumer.AssignAsync(topic, 0);

        // 40 + 40 stays below 100, a third would reach it.
        var first = await consumer.ReadAtLeastAsync(1, query: "timeout=5000&max_bytes=100");
        Assert.Equal(2, first.Count);
        var next = await consumer.ReadAtLeastAsync(1, query: "timeout=5000&max_bytes=100");
        Assert.Equal([2L, 3L], next.Select(r => r.GetProperty("offset").GetInt64()));
    }

    [Fact]
    public async Task Read_BytesAJsonInstanceCannotParse_Are40801NamingTheRecord_AndSeekingPastThemWorks()
    {
        var topic = Topic();
        TestProducer.Produce(gateway.Factory.BootstrapServers, topic, 0, "{\"ok\":1}"u8.ToArray(), "not json"u8.ToArray(), "{\"ok\":3}"u8.ToArray());
        var consumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}", """{"format":"json","auto.offset.reset":"earliest"}""");
        await consumer.AssignAsync(topic, 0);

        var good = await consumer.ReadAtLeastAsync(1, Rest.JsonV2, "timeout=5000");
        var message = await Rest.AssertErrorAsync(await consumer.GetRecordsAsync(Rest.JsonV2, "timeout=2000"), 408, 40801);
        // The record stays where it is until the client moves past it, and says so every time.
        await Rest.AssertErrorAsync(await consumer.GetRecordsAsync(Rest.JsonV2, "timeout=2000"), 408, 40801);
        await consumer.SeekAsync(topic, 0, 2);
        var after = await consumer.ReadAtLeastAsync(1, Rest.JsonV2, "timeout=5000");

        Assert.Equal(0, Assert.Single(good).GetProperty("offset").GetInt64());
        Assert.Contains($"topic {topic} partition 0 offset 1", message, StringComparison.Ordinal);
        Assert.Equal("""{"ok":3}""", Assert.Single(after).GetProperty("value").GetRawText());
    }

    [Fact]
    public async Task Seek_AfterRecordsWereHeldBack_NextReadStartsAtTheSoughtOffset_WithNothingStale()
    {
        var topic = Topic();
        TestProducer.Produce(gateway.Factory.BootstrapServers, topic, 0, [.. Enumerable.Range(0, 10).Select(i => new byte[] { (byte)i })]);
        var consumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}", """{"auto.offset.reset":"earliest","fetch.min.bytes":1}""");
        await consumer.AssignAsync(topic, 0);

        // max_bytes 3 takes two one-byte records and holds back the third, already fetched.
        var first = await consumer.ReadAtLeastAsync(1, query: "timeout=5000&max_bytes=3");
        await consumer.SeekAsync(topic, 0, 7);
        var afterSeek = await consumer.ReadAtLeastAsync(1, query: "timeout=5000");
        await consumer.SeekAsync(topic, 0, 0);
        var fromStart = await consumer.ReadAtLeastAsync(1, query: "timeout=5000&max_bytes=3");

        Assert.Equal([0L, 1L], first.Select(r => r.GetProperty("offset").GetInt64()));
        Assert.Equal(7L, afterSeek[0].GetProperty("offset").GetInt64());
        Assert.Equal([0L, 1L], fromStart.Select(r => r.GetProperty("offset").GetInt64()));
    }

    [Fact]
    public async Task Positions_BeginningAndEnd_MoveTheNextRead_AndATimeAfterEveryRecordSeeksToTheEnd()
    {
        var topic = Topic();
        TestProducer.Produce(gateway.Factory.BootstrapServers, topic, 0, [0], [1], [2]);
        var consumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}", """{"auto.offset.reset":"latest"}""");
        await consumer.AssignAsync(topic, 0);
        var partitions = $$"""{"partitions":[{"topic":"{{topic}}","partition":0}]}""";

        Assert.Equal(204, (int)(await consumer.PostAsync("/positions/beginning", partitions)).StatusCode);
        var fromBeginning = await consumer.ReadAtLeastAsync(3, query: "timeout=5000");
        Assert.Equal(204, (int)(await consumer.PostAsync("/positions/beginning", partitions)).StatusCode);
        Assert.Equal(204, (int)(await consumer.PostAsync("/positions/end", partitions)).StatusCode);
        var atEnd = await consumer.ReadAsync(query: "timeout=300");
        await consumer.SeekAsync(topic, 0, 1);
        // kafka-rest answers 500 here (no record that recent); the gateway seeks to the end.
        var future = DateTime.UtcNow.AddDays(1).ToString("O");
        Assert.Equal(204, (int)(await consumer.PostAsync("/positions", $$"""{"timestamps":[{"topic":"{{topic}}","partition":0,"timestamp":"{{future}}"}]}""")).StatusCode);
        var afterTime = await consumer.ReadAsync(query: "timeout=300");

        Assert.Equal([0L, 1L, 2L], fromBeginning.Select(r => r.GetProperty("offset").GetInt64()));
        Assert.Empty(atEnd);
        Assert.Empty(afterTime);
    }

    [Fact]
    public async Task Read_IncludeTimestampAndHeaders_AddsThem_WithoutAskingTheAnswerIsKafkaRests()
    {
        var topic = Topic();
        var at = new Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));
        TestProducer.Produce(gateway.Factory.BootstrapServers, topic,
            [new Message<byte[]?, byte[]?> { Value = "v"u8.ToArray(), Timestamp = at, Headers = new Headers { { "trace", "abc"u8.ToArray() }, { "empty", null } } }]);
        var consumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}");
        await consumer.AssignAsync(topic, 0);

        var with = await consumer.ReadAtLeastAsync(1, query: "timeout=5000&include=timestamp,headers");
        await consumer.SeekAsync(topic, 0, 0);
        var without = await consumer.ReadAtLeastAsync(1, query: "timeout=5000");

        Assert.Equal(
            $$"""{"topic":"{{topic}}","key":null,"value":"dg==","partition":0,"offset":0,"timestamp":1700000000123,"headers":[{"name":"trace","value":"YWJj"},{"name":"empty","value":null}]}""",
            with[0].GetRawText());
        Assert.Equal($$"""{"topic":"{{topic}}","key":null,"value":"dg==","partition":0,"offset":0}""", without[0].GetRawText());
    }

    private static async Task<HttpResponseMessage> ReadUntilSomeAsync(RestConsumer consumer, string accept, string query)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await consumer.GetRecordsAsync(accept, query);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(200, (int)response.StatusCode);
            if (JsonDocument.Parse(text).RootElement.GetArrayLength() > 0 || DateTime.UtcNow > deadline)
            {
                return response;
            }
        }
    }
}
