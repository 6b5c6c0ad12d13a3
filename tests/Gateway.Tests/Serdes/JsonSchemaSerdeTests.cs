using Confluent.Kafka;
using Confluent.SchemaRegistry.Serdes;
using Gateway.Registry.Formats;
using Newtonsoft.Json.Linq;
using ConfluentSchema = Confluent.SchemaRegistry.Schema;
using ConfluentSchemaType = Confluent.SchemaRegistry.SchemaType;

namespace Gateway.Tests.Serdes;

public sealed class JsonSchemaSerdeTests
{
    private const string Pin = """
        {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
         "required":["index","title","tags"],
         "properties":{
           "index":{"type":"integer","minimum":0},
           "title":{"type":"string","maxLength":10},
           "tags":{"type":"array","items":{"type":"string","pattern":"^[a-z]+$"}},
           "owner":{"type":"object","properties":{"age":{"type":"integer"},"joined":{"type":"string","format":"date-time"}}}}}
        """;

    [Fact]
    public void FromJson_ValidValue_EqualsConfluentJsonSerializerFramingAndBytes()
    {
        var schema = SerdeAssert.Schema(SchemaType.Json, Pin);
        // Compact text both write the same way: Newtonsoft re-serializes the object, the gateway keeps the text.
        const string json = """{"index":5658,"title":"Zoë \"x\"","tags":["art","food"],"owner":{"age":32,"joined":"2016-10-23T14:06:51Z"}}""";

        var expected = Confluent(Pin, json);

        Assert.Equal(SerdeAssert.Hex(expected), SerdeAssert.Hex(SerdeAssert.Serializes(schema, json)));
    }

    [Fact]
    public void FromJson_WhitespaceAndEscapes_StoredAsCompactJsonAsV2StoresIt()
    {
        var schema = SerdeAssert.Schema(SchemaType.Json, Pin);

        var record = SerdeAssert.Serializes(schema, "{ \"index\" : 1,\n \"title\": \"Zo\\u00eb\", \"tags\": [ ] }");

        Assert.Equal("00010203047B22696E646578223A312C227469746C65223A225A6FC3AB222C2274616773223A5B5D7D", SerdeAssert.Hex(record));
    }

    [Fact]
    public void FromJson_ValueWithSeveralMistakes_ReportsEveryViolationWithItsInstancePointer()
    {
        var schema = SerdeAssert.Schema(SchemaType.Json, Pin);

        var violations = SerdeAssert.Violations(schema, """{"index":-1,"title":"far too long a title","tags":["ok","Bad",3],"owner":{"age":"old","joined":"yesterday"},"extra":1}""");

        Assert.Equal(
            new[]
            {
                ("/extra", "additionalProperties"), ("/index", "minimum"), ("/owner/age", "type"), ("/owner/joined", "format"),
                ("/tags/1", "pattern"), ("/tags/2", "type"), ("/title", "maxLength"),
            }.Order(),
            violations.Select(v => (v.Pointer, v.Keyword)).Order());
        Assert.Contains("property 'extra' is not allowed by additionalProperties", violations.Select(v => v.Message));
    }

    [Fact]
    public void FromJson_RefToAReferenceByItsName_ValidatesAgainstTheReference()
    {
        var address = new ResolvedReference("address.json", """{"type":"object","required":["city"],"properties":{"city":{"type":"string","minLength":2}}}""", SchemaType.Json);
        var schema = SerdeAssert.Schema(SchemaType.Json, """{"type":"object","properties":{"home":{"$ref":"address.json"}}}""", address);

        SerdeAssert.Serializes(schema, """{"home":{"city":"Oslo"}}""");
        var violation = Assert.Single(SerdeAssert.Violations(schema, """{"home":{"city":"O"}}"""));

        Assert.Equal(("/home/city", "minLength"), (violation.Pointer, violation.Keyword));
    }

    [Fact]
    public void FromJson_Draft4ExclusiveMinimum_ValidatesAsDraft4()
    {
        var schema = SerdeAssert.Schema(SchemaType.Json, """
            {"$schema":"http://json-schema.org/draft-04/schema#","type":"object","properties":{"n":{"type":"number","minimum":0,"exclusiveMinimum":true}}}
            """);

        SerdeAssert.Serializes(schema, """{"n":0.5}""");
        var violation = Assert.Single(SerdeAssert.Violations(schema, """{"n":0}"""));

        Assert.Equal(("/n", "exclusiveMinimum"), (violation.Pointer, violation.Keyword));
    }

    [Fact]
    public void FromJson_Draft2020Keywords_AreValidated()
    {
        var schema = SerdeAssert.Schema(SchemaType.Json, """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","dependentRequired":{"card":["expiry"]},
             "prefixItems":[{"type":"string"}],"unevaluatedProperties":false,"properties":{"card":{"type":"string"},"expiry":{"type":"string"}}}
            """);

        SerdeAssert.Serializes(schema, """{"card":"4111","expiry":"12/30"}""");
        var violations = SerdeAssert.Violations(schema, """{"card":"4111","other":1}""");

        Assert.Equal([("", "dependentRequired"), ("/other", "unevaluatedProperties")], violations.Select(v => (v.Pointer, v.Keyword)).Order());
    }

    [Fact]
    public void FromJson_NotJson_IsOneViolationOfTheWholeValue()
    {
        var schema = SerdeAssert.Schema(SchemaType.Json, Pin);

        var violation = Assert.Single(SerdeAssert.Violations(schema, """{"index":"""));

        Assert.Equal(("", "json"), (violation.Pointer, violation.Keyword));
    }

    [Fact]
    public void RoundTrip_RendersNumbersAsKafkaRestsJacksonTree()
    {
        var schema = SerdeAssert.Schema(SchemaType.Json, """{"type":"object"}""");

        var rendered = SerdeAssert.Renders(schema, SerdeAssert.Serializes(schema, """{"a":1.50,"b":1e2,"c":12345678901234567890,"d":-0.0001,"e":"\u00e9\n","f":[true,null]}"""));

        Assert.Equal("{\"a\":1.5,\"b\":100.0,\"c\":12345678901234567890,\"d\":-1.0E-4,\"e\":\"é\\n\",\"f\":[true,null]}", rendered);
    }

    [Fact]
    public void ToJson_BytesThatAreNotJson_AreAProblem()
    {
        var schema = SerdeAssert.Schema(SchemaType.Json, """{"type":"object"}""");

        Assert.Contains("not JSON", SerdeAssert.Problem(schema, [0, 0, 0, 0, 1, (byte)'{', (byte)'x']), StringComparison.Ordinal);
    }

    private static byte[] Confluent(string schema, string json)
    {
        using var registry = FixedIdRegistry.Create();
        var serializer = new JsonSerializer<JObject>(
            registry, new ConfluentSchema(schema, ConfluentSchemaType.Json), new JsonSerializerConfig { AutoRegisterSchemas = true });
        return serializer.SerializeAsync(JObject.Parse(json), new SerializationContext(MessageComponentType.Value, "t")).GetAwaiter().GetResult();
    }
}
