using System.Text.Json;
using Gateway.Tests.Serdes;
using Gateway.Tests.Support;
using static Gateway.Tests.Produce.SchemaFormats.SchemaRecords;

namespace Gateway.Tests.Produce.SchemaFormats;

/// <summary>v3 produce with schema types and the lookups kafka-rest offers: a raw schema, <c>schema_version</c>, <c>schema_id</c>, the latest.</summary>
public sealed class SchemaProduceV3Tests(SchemaFormatsGateway gateway) : IClassFixture<SchemaFormatsGateway>
{
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    [Fact]
    public async Task Avro_RawThenVersionThenIdThenLatest_AllWriteUnderOneSchema_AsConfluentsSerializerDoes()
    {
        var topic = Unbound();
        var first = await ProduceAsync(topic, $$$$"""{"value":{"type":"AVRO","schema":{{{{Quoted(Order)}}}},"data":{"id":1}}}""");
        var id = first.GetProperty("value").GetProperty("schema_id").GetInt32();
        var byVersion = await ProduceAsync(topic, """{"value":{"schema_version":1,"data":{"id":2,"note":{"string":"n"}}}}""");
        var byId = await ProduceAsync(topic, $$$$"""{"value":{"schema_id":{{{{id}}}},"data":{"id":3,"qty":9}}}""");
        var latest = await ProduceAsync(topic, """{"value":{"data":{"id":4,"note":"plain"}}}""");

        Assert.Equal($"{topic}-value", first.GetProperty("value").GetProperty("subject").GetString());
        Assert.Equal(1, first.GetProperty("value").GetProperty("schema_version").GetInt32());
        Assert.All(new[] { byVersion, byId, latest }, a => Assert.Equal(id, a.GetProperty("value").GetProperty("schema_id").GetInt32()));
        var schema = AvroOracle.Parse(Order);
        var expected = new[]
        {
            AvroOracle.Record(schema, ("id", 1L), ("note", null), ("qty", 1)),
            AvroOracle.Record(schema, ("id", 2L), ("note", "n"), ("qty", 1)),
            AvroOracle.Record(schema, ("id", 3L), ("note", null), ("qty", 9)),
            AvroOracle.Record(schema, ("id", 4L), ("note", "plain"), ("qty", 1)),
        }.Select(r => Framed(id, AvroOracle.Serialize(r)[5..]));
        // The id (Avro's zig-zag long, one byte here) comes first: records in id order, whatever their partitions.
        Assert.Equal(expected, KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic).Select(r => r.Value!).OrderBy(v => v[5]));
    }

    [Fact]
    public async Task Avro_DataThatDoesNotFit_Is400WithTheViolations_AndAnUnknownVersionIs400NamingIt()
    {
        var topic = Unbound();
        await ProduceAsync(topic, $$$$"""{"value":{"type":"AVRO","schema":{{{{Quoted(Order)}}}},"data":{"id":1}}}""");

        var misfit = await AnswerAsync(topic, """{"value":{"schema_version":1,"data":{"id":"x"}}}""");
        var unknown = await AnswerAsync(topic, """{"value":{"schema_version":7,"data":{"id":1}}}""");

        Assert.Equal(400, misfit.GetProperty("error_code").GetInt32());
        Assert.Equal("/id", misfit.GetProperty("errors")[0].GetProperty("pointer").GetString());
        Assert.Equal(400, unknown.GetProperty("error_code").GetInt32());
        Assert.Contains("version: 7", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonSchemaAndProtobuf_RawSchemas_WriteConfluentsFraming()
    {
        var topic = Unbound();
        const string proto = "syntax = \"proto3\";\nmessage Ping {\n  string text = 1;\n}\n";

        var json = await ProduceAsync(topic, """{"key":{"type":"JSONSCHEMA","schema":"{\"type\":\"string\"}","data":"k"},"value":{"type":"JSONSCHEMA","schema":"{\"type\":\"object\"}","data":{"a":[1, 2]}}}""");
        var protobuf = await ProduceAsync(Unbound(), $$$$"""{"value":{"type":"PROTOBUF","schema":{{{{Quoted(proto)}}}},"data":{"text":"hi"}}}""");

        var record = Assert.Single(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
        Assert.Equal(Framed(json.GetProperty("key").GetProperty("schema_id").GetInt32(), "\"k\""), record.Key);
        Assert.Equal(Framed(json.GetProperty("value").GetProperty("schema_id").GetInt32(), """{"a":[1,2]}"""), record.Value);
        Assert.Equal("PROTOBUF", protobuf.GetProperty("value").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Avro_RecordNameStrategy_RegistersUnderTheRecordsFullName_AndTheAnswerSaysSo()
    {
        var topic = Unbound();

        var answer = await ProduceAsync(topic, $$$$"""{"value":{"type":"AVRO","subject_name_strategy":"RECORD_NAME","schema":{{{{Quoted(Order)}}}},"data":{"id":1}}}""");

        Assert.Equal("shop.Order", answer.GetProperty("value").GetProperty("subject").GetString());
        var latest = await SchemaRecords.LatestAsync(_client, "shop.Order");
        Assert.Equal(answer.GetProperty("value").GetProperty("schema_id").GetInt32(), latest.GetProperty("id").GetInt32());
    }

    private async Task<JsonElement> ProduceAsync(string topic, string record)
    {
        var answer = await AnswerAsync(topic, record);
        Assert.True(answer.GetProperty("error_code").GetInt32() == 200, answer.GetRawText());
        return answer;
    }

    private async Task<JsonElement> AnswerAsync(string topic, string record) =>
        Assert.Single(await RestV3.LinesAsync(await RestV3.PostAsync(_client, RestV3.Records(topic), record)));
}
