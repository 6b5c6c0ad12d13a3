using Gateway.Tests.Produce.SchemaFormats;
using Gateway.Tests.Support;
using static Gateway.Tests.Produce.SchemaFormats.SchemaRecords;

namespace Gateway.Tests.Consume;

/// <summary>
/// v2 consumers in the avro, jsonschema and protobuf formats read records back as kafka-rest renders them, their
/// schemas looked up by the id in the bytes; bytes of another format are an error naming the record, and seeking past
/// it reads on.
/// </summary>
public sealed class ConsumeSchemaFormatsTests(SchemaFormatsGateway gateway) : IClassFixture<SchemaFormatsGateway>
{
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    [Fact]
    public async Task AvroConsumer_ReadsAvroRecords_InAvrosJsonEncoding_WithTaggedUnions()
    {
        var topic = OnePartition();
        await ProducedAsync(await Rest.PostAsync(_client, $"/topics/{topic}",
            $$$$"""{"key_schema":"\"string\"","value_schema":{{{{Quoted(Order)}}}},"records":[{"key":"k","value":{"id":1,"note":"x"}},{"value":{"id":2}}]}""", AvroV2));
        var consumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}", """{"format":"avro","auto.offset.reset":"earliest"}""");
        await consumer.AssignAsync(topic, 0);

        var records = await consumer.ReadAtLeastAsync(2, AvroV2);

        Assert.Equal(["\"k\"", "null"], records.Select(r => r.GetProperty("key").GetRawText()));
        Assert.Equal(["""{"id":1,"note":{"string":"x"},"qty":1}""", """{"id":2,"note":null,"qty":1}"""], records.Select(r => r.GetProperty("value").GetRawText()));
    }

    [Fact]
    public async Task JsonSchemaAndProtobufConsumers_ReadTheirRecordsAsJson()
    {
        var (json, proto) = (OnePartition(), OnePartition());
        await ProducedAsync(await Rest.PostAsync(_client, $"/topics/{json}",
            """{"value_schema":"{\"type\":\"object\"}","records":[{"value":{"a":[1,2],"b":"é"}}]}""", JsonSchemaV2));
        const string schema = "syntax = \"proto3\";\nmessage Ping {\n  string text = 1;\n  int32 n = 2;\n}\n";
        await ProducedAsync(await Rest.PostAsync(_client, $"/topics/{proto}",
            $$$$"""{"value_schema":{{{{Quoted(schema)}}}},"records":[{"value":{"text":"hi","n":3}}]}""", ProtobufV2));
        var jsonConsumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}", """{"format":"jsonschema","auto.offset.reset":"earliest"}""");
        var protoConsumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}", """{"format":"protobuf","auto.offset.reset":"earliest"}""");
        await jsonConsumer.AssignAsync(json, 0);
        await protoConsumer.AssignAsync(proto, 0);

        var jsonValue = Assert.Single(await jsonConsumer.ReadAtLeastAsync(1, JsonSchemaV2)).GetProperty("value");
        var protoValue = Assert.Single(await protoConsumer.ReadAtLeastAsync(1, ProtobufV2)).GetProperty("value");

        Assert.Equal("""{"a":[1,2],"b":"é"}""", jsonValue.GetRawText());
        Assert.Equal(("hi", 3), (protoValue.GetProperty("text").GetString(), protoValue.GetProperty("n").GetInt32()));
    }

    [Fact]
    public async Task AvroConsumer_JsonRecordAmongAvroOnes_Is40801NamingItsOffset_AndSeekingPastItReadsOn()
    {
        var topic = OnePartition();
        var avro = $$$$"""{"value_schema":{{{{Quoted(Order)}}}},"records":[{"value":{"id":1}}]}""";
        await ProducedAsync(await Rest.PostAsync(_client, $"/topics/{topic}", avro, AvroV2));
        await ProducedAsync(await Rest.PostAsync(_client, $"/topics/{topic}", """{"records":[{"value":{"id":2}}]}""", Rest.JsonV2));
        await ProducedAsync(await Rest.PostAsync(_client, $"/topics/{topic}", avro, AvroV2));
        var consumer = await RestConsumer.CreateAsync(_client, $"g-{Guid.NewGuid():N}", """{"format":"avro","auto.offset.reset":"earliest"}""");
        await consumer.AssignAsync(topic, 0);

        var first = await consumer.ReadAtLeastAsync(1, AvroV2);
        var message = await Rest.AssertErrorAsync(await consumer.GetRecordsAsync(AvroV2, "timeout=5000"), 408, 40801);
        await consumer.SeekAsync(topic, 0, 2);
        var after = await consumer.ReadAtLeastAsync(1, AvroV2);

        Assert.Equal(0L, Assert.Single(first).GetProperty("offset").GetInt64());
        Assert.Contains($"topic {topic} partition 0 offset 1", message, StringComparison.Ordinal);
        Assert.Equal(2L, Assert.Single(after).GetProperty("offset").GetInt64());
    }

    private string OnePartition()
    {
        var topic = Unbound();
        gateway.Factory.Cluster.CreateTopic(topic, 1, 1);
        return topic;
    }
}
