using Gateway.Tests.Registry;
using Gateway.Tests.Serdes;
using Gateway.Tests.Support;
using static Gateway.Tests.Produce.SchemaFormats.SchemaRecords;

namespace Gateway.Tests.Produce.SchemaFormats;

/// <summary>
/// v2 produce in the avro, jsonschema and protobuf formats against the embedded registry and cluster: what an
/// independent consumer reads back is what Confluent's serializers write, and kafka-rest's error codes.
/// </summary>
public sealed class SchemaProduceV2Tests(SchemaFormatsGateway gateway) : IClassFixture<SchemaFormatsGateway>
{
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    [Fact]
    public async Task Avro_TaggedUntaggedAndDefaultedRecords_AreConfluentsAvroSerializerBytes_UnderTheRegisteredIds()
    {
        var topic = Unbound();
        var body = $$$$"""
            {"key_schema":"\"string\"","value_schema":{{{{Quoted(Order)}}}},"records":[
              {"key":"k1","value":{"id":1,"note":{"string":"x"}}},
              {"key":"k2","value":{"id":2,"note":"y","qty":5}},
              {"key":"k3","value":{"id":3}}]}
            """;

        var (keyId, valueId, _) = await ProducedAsync(await Rest.PostAsync(_client, $"/topics/{topic}", body, AvroV2));

        var schema = AvroOracle.Parse(Order);
        var expected = new[]
        {
            AvroOracle.Record(schema, ("id", 1L), ("note", "x"), ("qty", 1)),
            AvroOracle.Record(schema, ("id", 2L), ("note", "y"), ("qty", 5)),
            AvroOracle.Record(schema, ("id", 3L), ("note", null), ("qty", 1)),
        }.Select(r => Framed(valueId!.Value, AvroOracle.Serialize(r)[5..]));
        var stored = KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic).OrderBy(r => r.Key![^1]).ToArray();
        Assert.Equal(expected, stored.Select(r => r.Value));
        Assert.Equal([1, 2, 3], stored.Select(r => (int)r.Key![^1] - '0'));
        Assert.Equal(Framed(keyId!.Value, [4, (byte)'k', (byte)'1']), stored[0].Key);
        var registered = await SchemaRecords.LatestAsync(_client, $"{topic}-value");
        Assert.Equal(valueId, registered.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task JsonSchema_ValueSchemaId_WritesTheCompactJsonAfterTheHeader_AndAnswersTheId()
    {
        var topic = Unbound();
        var id = await RegistryRest.RegisterAsync(_client, $"{topic}-value",
            RegistryRest.Body("""{"type":"object","properties":{"n":{"type":"integer"},"s":{"type":"string"}},"required":["n"]}""", "JSON"));

        var (keyId, valueId, _) = await ProducedAsync(await Rest.PostAsync(_client, $"/topics/{topic}",
            $$$$"""{"value_schema_id":{{{{id}}}},"records":[{"value":{ "n" : 7, "s":"é" }}]}""", JsonSchemaV2));

        Assert.Equal((null, id), (keyId, valueId));
        // Confluent's JSON Schema serializer writes the header and the value as compact UTF-8 JSON (Serdes tests compare with it).
        Assert.Equal(Framed(id, """{"n":7,"s":"é"}"""), Assert.Single(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic)).Value);
    }

    [Fact]
    public async Task Protobuf_RawSchema_WritesTheFirstMessagesIndexThenTheMessage()
    {
        var topic = Unbound();
        const string proto = "syntax = \"proto3\";\npackage shop;\nmessage Order {\n  int64 id = 1;\n  string note = 2;\n}\nmessage Other {\n  int32 x = 1;\n}\n";

        var (_, valueId, _) = await ProducedAsync(await Rest.PostAsync(_client, $"/topics/{topic}",
            $$$$"""{"value_schema":{{{{Quoted(proto)}}}},"records":[{"value":{"id":"5","note":"x"}}]}""", ProtobufV2));

        // The message-index path [0] is the single byte 0; field 1 varint 5, field 2 length 1 "x".
        Assert.Equal(Framed(valueId!.Value, [0x00, 0x08, 0x05, 0x12, 0x01, (byte)'x']),
            Assert.Single(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic)).Value);
    }

    [Fact]
    public async Task Avro_ValuesWithoutAValueSchema_Are42202_KeysWithoutAKeySchema_Are42201()
    {
        var topic = Unbound();

        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}", """{"records":[{"value":{"id":1}}]}""", AvroV2), 422, 42202);
        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}",
            $$$$"""{"value_schema":{{{{Quoted(Order)}}}},"records":[{"key":"k","value":{"id":1}}]}""", AvroV2), 422, 42201);
        Assert.Empty(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task Avro_InvalidRawSchema_Is42205_UnknownSchemaId_Is42207()
    {
        var topic = Unbound();

        var invalid = await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}",
            """{"value_schema":"{\"type\":\"record\"}","records":[{"value":{"id":1}}]}""", AvroV2), 422, 42205);
        var unknown = await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}",
            """{"value_schema_id":987654,"records":[{"value":{"id":1}}]}""", AvroV2), 422, 42207);

        Assert.StartsWith("Invalid schema", invalid, StringComparison.Ordinal);
        Assert.Contains("987654", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Avro_RecordsThatDoNotFit_Are400WithEveryViolationOfEveryRecord_AndNothingIsProduced()
    {
        var topic = Unbound();
        var body = $$$$"""{"value_schema":{{{{Quoted(Order)}}}},"records":[{"value":{"id":1}},{"value":{"id":"two"}},{"value":{"note":5}}]}""";

        var response = await Rest.PostAsync(_client, $"/topics/{topic}", body, AvroV2);

        await Rest.AssertErrorAsync(response, 400, 400);
        var errors = (await Rest.JsonAsync(response)).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("record").GetInt32(), e.GetProperty("pointer").GetString(), e.GetProperty("keyword").GetString())).ToArray();
        Assert.Contains((1, "/id", "type"), errors);
        Assert.Contains((2, "", "required"), errors);
        Assert.Contains((2, "/note", "type"), errors);
        Assert.DoesNotContain(errors, e => e.Item1 == 0);
        Assert.Empty(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
    }

    [Theory]
    [InlineData(AvroV2)]
    [InlineData(JsonSchemaV2)]
    [InlineData(ProtobufV2)]
    public async Task OpenApiExample_OfEachSchemaFormat_IsProducedAsShown(string mediaType)
    {
        var document = await Rest.JsonAsync(await _client.GetAsync("/swagger/v1/swagger.json"));
        var example = document.GetProperty("paths").GetProperty("/topics/{topic}").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty(mediaType).GetProperty("examples").GetProperty("example").GetProperty("value");

        var (_, valueId, answer) = await ProducedAsync(await Rest.PostAsync(_client, $"/topics/{Unbound()}", example.GetRawText(), mediaType));

        Assert.NotNull(valueId);
        Assert.Equal(example.GetProperty("records").GetArrayLength(), answer.GetProperty("offsets").GetArrayLength());
    }
}
