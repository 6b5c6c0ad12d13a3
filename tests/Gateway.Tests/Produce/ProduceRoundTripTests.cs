using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Produce;

/// <summary>Records go in over HTTP and come back out of Kafka, byte for byte, through an independent consumer.</summary>
[Collection(SharedGatewayGroup.Name)]
public sealed class ProduceRoundTripTests(SharedGateway gateway)
{
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    [Theory]
    [InlineData("pin")]
    [InlineData("geo")]
    [InlineData("user")]
    public async Task RealEmulatorRows_PostedOneByOne_StoredAsCompactUtf8Json(string table)
    {
        var topic = TestTopics.Fresh(table);
        var rows = PinterestRows.Lines(table);
        // Expected bytes come from Python's json module (separators=(',', ':'), ensure_ascii=False).
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Produce", "Data", $"{table}.compact.jsonl"));
        Assert.Equal(rows.Count, expected.Length);

        var acknowledged = new List<(int Partition, long Offset)>();
        foreach (var row in rows)
        {
            var response = await Rest.PostAsync(_client, $"/topics/{topic}", PinterestRows.Envelope(row));
            Assert.Equal("application/vnd.kafka.v2+json", response.Content.Headers.ContentType?.MediaType);
            var json = await Rest.JsonAsync(response);
            Assert.Equal(200, (int)response.StatusCode);
            var offset = json.GetProperty("offsets")[0];
            acknowledged.Add((offset.GetProperty("partition").GetInt32(), offset.GetProperty("offset").GetInt64()));
        }

        var stored = KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic);
        Assert.Equal(rows.Count, stored.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var record = Assert.Single(stored, r => r.Partition == acknowledged[i].Partition && r.Offset == acknowledged[i].Offset);
            Assert.Null(record.Key);
            Assert.Equal(expected[i], Encoding.UTF8.GetString(record.Value!));
        }
    }

    [Fact]
    public async Task FirstRecordOfNewTopic_AnswersKafkaRestShapeExactly()
    {
        var topic = TestTopics.Fresh();
        var response = await Rest.PostAsync(_client, $"/topics/{topic}/partitions/0", PinterestRows.Envelope(PinterestRows.Lines("pin")[0]));

        Assert.Equal(
            """{"offsets":[{"partition":0,"offset":0,"error_code":null,"error":null}],"key_schema_id":null,"value_schema_id":null}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EscapedText_StoredAsRawUtf8WithOnlyRequiredEscapes()
    {
        var topic = TestTopics.Fresh();
        const string body = """
            {"records": [{"value": {"title": "Caf\u00e9 \ud83e\udd0d \"q\" back\\slash\nline\ttab\u0001 \/ end", "n": 1.50, "big": 12345678901234567890123, "e": 1E+2, "neg": -0}}]}
            """;
        var response = await Rest.PostAsync(_client, $"/topics/{topic}", body);
        Assert.Equal(200, (int)response.StatusCode);

        var stored = Assert.Single(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
        Assert.Equal(
            "{\"title\":\"Café 🤍 \\\"q\\\" back\\\\slash\\nline\\ttab\\u0001 / end\",\"n\":1.50,\"big\":12345678901234567890123,\"e\":1E+2,\"neg\":-0}",
            Encoding.UTF8.GetString(stored.Value!));
    }

    [Fact]
    public async Task NullAndAbsentValues_StoredAsKafkaNulls_StringKeyKeepsItsQuotes()
    {
        var topic = TestTopics.Fresh();
        var response = await Rest.PostAsync(_client, $"/topics/{topic}/partitions/1",
            """{"records":[{"key":"k1","value":null},{"key":"k2"},{"value":[1, {"a" : true}]}]}""");
        Assert.Equal(200, (int)response.StatusCode);

        var stored = KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic).OrderBy(r => r.Offset).ToArray();
        Assert.Equal(3, stored.Length);
        Assert.All(stored, r => Assert.Equal(1, r.Partition));
        Assert.Equal("\"k1\"", Encoding.UTF8.GetString(stored[0].Key!));
        Assert.Null(stored[0].Value);
        Assert.Null(stored[1].Value);
        Assert.Null(stored[2].Key);
        Assert.Equal("[1,{\"a\":true}]", Encoding.UTF8.GetString(stored[2].Value!));
    }

    [Fact]
    public async Task BinaryFormat_StoresDecodedBytes_PaddingOptional()
    {
        var topic = TestTopics.Fresh();
        var bytes = new byte[] { 0, 1, 2, 250, 251, 255, 10 };
        var response = await Rest.PostAsync(_client, $"/topics/{topic}/partitions/2",
            $$"""{"records":[{"key":"a2V5","value":"{{Convert.ToBase64String(bytes)}}"},{"value":"aGk"}]}""", Rest.BinaryV2);
        Assert.Equal(200, (int)response.StatusCode);

        var stored = KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic).OrderBy(r => r.Offset).ToArray();
        Assert.Equal("key", Encoding.UTF8.GetString(stored[0].Key!));
        Assert.Equal(bytes, stored[0].Value);
        Assert.Equal("hi", Encoding.UTF8.GetString(stored[1].Value!));
    }

    [Fact]
    public async Task KeyedRecords_LandWhereTheJavaClientPutsThem()
    {
        var topic = TestTopics.Fresh();
        var keys = Enumerable.Range(0, 40).Select(i => $"user-{i}").ToArray();
        var body = "{\"records\":[" + string.Join(',', keys.Select(k => $"{{\"key\":\"{k}\",\"value\":{{\"k\":\"{k}\"}}}}")) + "]}";
        var response = await Rest.PostAsync(_client, $"/topics/{topic}", body);
        var json = await Rest.JsonAsync(response);
        Assert.Equal(200, (int)response.StatusCode);

        var offsets = json.GetProperty("offsets");
        for (var i = 0; i < keys.Length; i++)
        {
            // A JSON string key is stored with its quotes, and those are the bytes hashed.
            var expected = JavaPartitioner.PartitionFor(Encoding.UTF8.GetBytes($"\"{keys[i]}\""), 3);
            Assert.Equal(expected, offsets[i].GetProperty("partition").GetInt32());
        }

        Assert.True(offsets.EnumerateArray().Select(o => o.GetProperty("partition").GetInt32()).Distinct().Count() > 1);
    }

    [Fact]
    public async Task ManyRecords_OneAnswerPerRecordInRequestOrder_EachAtItsStoredOffset()
    {
        var topic = TestTopics.Fresh();
        var body = "{\"records\":[" + string.Join(',', Enumerable.Range(0, 500).Select(i => $"{{\"value\":{{\"i\":{i}}}}}")) + "]}";
        var json = await Rest.JsonAsync(await Rest.PostAsync(_client, $"/topics/{topic}", body));

        var stored = KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic).ToDictionary(r => (r.Partition, r.Offset));
        var offsets = json.GetProperty("offsets").EnumerateArray().ToArray();
        Assert.Equal(500, offsets.Length);
        Assert.Equal(500, stored.Count);
        for (var i = 0; i < offsets.Length; i++)
        {
            (int, long) at = (offsets[i].GetProperty("partition").GetInt32(), offsets[i].GetProperty("offset").GetInt64());
            Assert.Equal($"{{\"i\":{i}}}", Encoding.UTF8.GetString(stored[at].Value!));
        }
    }
}
