using Gateway.Tests.Registry;
using Gateway.Tests.Support;
using static Gateway.Tests.Produce.SchemaFormats.SchemaRecords;

namespace Gateway.Tests.Produce.SchemaFormats;

/// <summary>
/// Topics bound to registry subjects: a file registered at start, a subject alone; every format a client picks is
/// held to the binding, and a schema id the binding does not allow is refused.
/// </summary>
public sealed class SubjectBindingTests(SchemaFormatsGateway gateway) : IClassFixture<SchemaFormatsGateway>
{
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    [Fact]
    public async Task PinFile_IsRegisteredAtStartAsAJsonSchemaSubject_AndJsonSchemaRecordsWrittenUnderItsIdLand()
    {
        var latest = await SchemaRecords.LatestAsync(_client, SchemaFormatsGateway.PinSubject);
        var id = latest.GetProperty("id").GetInt32();
        var topic = TestTopics.Fresh("pin");
        var row = CompactPin();

        var (_, valueId, _) = await ProducedAsync(await Rest.PostAsync(_client, $"/topics/{topic}",
            $$$$"""{"value_schema_id":{{{{id}}}},"records":[{"value":{{{{row}}}}}]}""", JsonSchemaV2));

        Assert.Equal("JSON", latest.GetProperty("schemaType").GetString());
        Assert.Equal(id, valueId);
        Assert.Equal(Framed(id, row), Assert.Single(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic)).Value);
    }

    private static string CompactPin() => File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Produce", "Data", "pin.compact.jsonl")).First();

    [Fact]
    public async Task PinTopic_SchemaIdOfAnotherSubject_Is42210InEveryFormat_AndNothingLands()
    {
        await SchemaRecords.LatestAsync(_client, SchemaFormatsGateway.PinSubject);
        var other = await RegistryRest.RegisterAsync(_client, RegistryRest.Subject(), RegistryRest.Body("""{"type":"object"}""", "JSON"));
        var topic = TestTopics.Fresh("pin");
        var row = CompactPin();
        var body = $$$$"""{"value_schema_id":{{{{other}}}},"records":[{"value":{{{{row}}}}}]}""";

        var asJsonSchema = await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}", body, JsonSchemaV2), 422, 42210);
        var asJson = await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}", body, Rest.JsonV2), 422, 42210);

        Assert.Contains($"Schema {other} is not one", asJsonSchema, StringComparison.Ordinal);
        Assert.Contains($"Schema {other} is not one", asJson, StringComparison.Ordinal);
        Assert.Empty(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task FileBoundTopic_AvroRecords_Are42210NamingTheFormatsToUse()
    {
        var topic = TestTopics.Fresh("geo");

        var message = await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}",
            $$$$"""{"value_schema":{{{{Quoted(Order)}}}},"records":[{"value":{"id":1}}]}""", AvroV2), 422, 42210);

        Assert.Contains("json or binary format", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubjectBoundTopic_JsonValues_AreCheckedAgainstTheSubjectsSchema_WithEveryViolation()
    {
        await RegistryRest.RegisterAsync(_client, SchemaFormatsGateway.BoundSubject,
            RegistryRest.Body("""{"type":"object","properties":{"sku":{"type":"string"}},"required":["sku"]}""", "JSON"));
        var topic = $"bound-{Guid.NewGuid():N}"[..18];

        var refused = await Rest.PostAsync(_client, $"/topics/{topic}", """{"records":[{"value":{"sku":"a"}},{"value":{"sku":3}},{"value":{}}]}""", Rest.JsonV2);
        var accepted = await Rest.PostAsync(_client, $"/topics/{topic}", """{"records":[{"value":{"sku":"a"}}]}""", Rest.JsonV2);

        await Rest.AssertErrorAsync(refused, 422, 42210);
        var errors = (await Rest.JsonAsync(refused)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("record").GetInt32()).ToArray();
        Assert.Equal([1, 2], errors.Distinct().Order());
        await ProducedAsync(accepted);
        Assert.Equal("{\"sku\":\"a\"}"u8.ToArray(), Assert.Single(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic)).Value);
    }

    [Fact]
    public async Task SubjectBoundTopic_AvroWithoutNamingTheValueSchema_Is42210SayingHowToName()
    {
        var topic = $"bound-{Guid.NewGuid():N}"[..18];

        var message = await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}", """{"records":[{"value":{"id":1}}]}""", AvroV2), 422, 42210);

        Assert.Contains("value_schema_id", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AvroSubjectBoundTopic_JsonIsRefusedNamingTheAvroFormat_AvroAndV3LookupsUseTheBindingsSubject()
    {
        var id = await RegistryRest.RegisterAsync(_client, SchemaFormatsGateway.AvroSubject, RegistryRest.Body(Order));
        var topic = $"avro-{Guid.NewGuid():N}"[..17];

        var json = await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}", """{"records":[{"value":{"id":1}}]}""", Rest.JsonV2), 422, 42210);
        var (_, valueId, _) = await ProducedAsync(await Rest.PostAsync(_client, $"/topics/{topic}",
            $$$$"""{"value_schema_id":{{{{id}}}},"records":[{"value":{"id":1}}]}""", AvroV2));
        var v3 = Assert.Single(await RestV3.LinesAsync(await RestV3.PostAsync(_client, RestV3.Records(topic), """{"value":{"data":{"id":2}}}""")));

        Assert.Contains($"application/vnd.kafka.avro.v2+json with value_schema_id {id}", json, StringComparison.Ordinal);
        Assert.Equal(id, valueId);
        Assert.Equal((SchemaFormatsGateway.AvroSubject, id), (v3.GetProperty("value").GetProperty("subject").GetString(), v3.GetProperty("value").GetProperty("schema_id").GetInt32()));
        Assert.Equal(2, KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic).Count);
    }
}
