using Gateway.Registry.Formats;

namespace Gateway.Tests.Registry.Formats;

public sealed class JsonSchemaFormatTests
{
    private const string Pretty = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "properties": {
            "price": { "type": "number", "multipleOf": 0.50 },
            "name": { "type": "string", "description": "Naïve \"name\"" }
          },
          "required": [ "name" ]
        }
        """;

    [Fact]
    public void Canonical_PrettySchema_IsCompactWithKeysAndNumbersAsWritten()
    {
        var schema = FormatAssert.Parses(SchemaType.Json, Pretty);

        Assert.Equal(
            """{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"price":{"type":"number","multipleOf":0.50},"name":{"type":"string","description":"Naïve \"name\""}},"required":["name"]}""",
            schema.Canonical);
    }

    [Fact]
    public void Fingerprint_WhitespaceVariant_IsEqual()
    {
        var compact = FormatAssert.Parses(SchemaType.Json,
            """{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"price":{"type":"number","multipleOf":0.50},"name":{"type":"string","description":"Naïve \"name\""}},"required":["name"]}""");

        Assert.Equal(compact.Fingerprint, FormatAssert.Parses(SchemaType.Json, Pretty).Fingerprint);
    }

    [Fact]
    public void Fingerprint_ReorderedKeys_EqualOnlyWhenNormalized()
    {
        const string first = """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}}}""";
        const string second = """{"properties":{"b":{"type":"integer"},"a":{"type":"string"}},"type":"object"}""";

        Assert.NotEqual(FormatAssert.Parses(SchemaType.Json, first).Fingerprint, FormatAssert.Parses(SchemaType.Json, second).Fingerprint);
        var normalized = FormatAssert.Parses(SchemaType.Json, second, normalize: true);
        Assert.Equal(FormatAssert.Parses(SchemaType.Json, first, normalize: true).Fingerprint, normalized.Fingerprint);
        Assert.Equal("""{"properties":{"a":{"type":"string"},"b":{"type":"integer"}},"type":"object"}""", normalized.Canonical);
    }

    [Fact]
    public void Fingerprint_RealChange_Differs()
    {
        Assert.NotEqual(
            FormatAssert.Parses(SchemaType.Json, """{"type":"string"}""").Fingerprint,
            FormatAssert.Parses(SchemaType.Json, """{"type":"integer"}""").Fingerprint);
    }

    [Theory]
    [InlineData("""{"type":"object",""", "Invalid JSON")]
    [InlineData("""[{"type":"string"}]""", "a schema must be a JSON object or a boolean")]
    [InlineData("""{"type":"strng"}""", "#/type: not a type name")]
    [InlineData("""{"properties":{"a":{"type":"object","properties":{"b":3}}}}""", "#/properties/a/properties/b: a schema must be an object or a boolean")]
    [InlineData("""{"properties":{"a":{"$ref":"#/definitions/missing"}}}""", "#/properties/a/$ref: unresolved reference '#/definitions/missing'")]
    [InlineData("""{"type":"string","pattern":"(["}""", "#/pattern: not a valid regular expression")]
    [InlineData("""{"anyOf":[]}""", "#/anyOf: must be a non-empty array")]
    public void Parse_InvalidSchema_SaysWhere(string text, string expected)
    {
        Assert.Contains(expected, FormatAssert.Fails(SchemaType.Json, text), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BooleanSchema_IsValid()
    {
        Assert.Equal("true", FormatAssert.Parses(SchemaType.Json, " true ").Canonical);
    }

    [Fact]
    public void Parse_RefToReferenceName_ResolvesIntoTheReference()
    {
        var address = new ResolvedReference("address.json", """{"type":"object","properties":{"city":{"type":"string"}}}""", SchemaType.Json);
        const string order = """{"type":"object","properties":{"ship_to":{"$ref":"address.json"},"city":{"$ref":"address.json#/properties/city"}}}""";

        var schema = (JsonParsedSchema)FormatAssert.Parses(SchemaType.Json, order, normalize: false, address);

        Assert.Equal("string", schema.ReferenceDocuments["address.json"].GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.Contains("unresolved reference 'address.json'", FormatAssert.Fails(SchemaType.Json, order), StringComparison.Ordinal);
    }

    [Fact]
    public void Compatibility_FollowsRefIntoReferences()
    {
        const string order = """{"type":"object","properties":{"ship_to":{"$ref":"address.json"}}}""";
        var before = FormatAssert.Parses(SchemaType.Json, order, normalize: false,
            new ResolvedReference("address.json", """{"type":"object","properties":{"zip":{"type":"string"}}}""", SchemaType.Json));
        var after = FormatAssert.Parses(SchemaType.Json, order, normalize: false,
            new ResolvedReference("address.json", """{"type":"object","properties":{"zip":{"type":"integer"}}}""", SchemaType.Json));

        var problem = Assert.Single(SchemaFormats.For(SchemaType.Json).ReadIncompatibilities(after, before));

        Assert.Equal(("TYPE_CHANGED", "#/properties/ship_to/properties/zip"), (problem.ErrorType, problem.Path));
    }

    [Fact]
    public void Parse_RefRelativeToId_ResolvesToReferenceNamedByFullUri()
    {
        var address = new ResolvedReference("https://acme.example/schemas/address.json", """{"type":"object"}""", SchemaType.Json);

        FormatAssert.Parses(SchemaType.Json,
            """{"$id":"https://acme.example/schemas/order.json","properties":{"to":{"$ref":"address.json"}}}""", normalize: false, address);
    }

    [Fact]
    public void Parse_ReferenceOfAnotherFormat_IsRefused()
    {
        var avro = new ResolvedReference("a", "\"string\"", SchemaType.Avro);

        Assert.Equal("Reference 'a' is of type AVRO; a JSON schema can only reference JSON schemas",
            FormatAssert.Fails(SchemaType.Json, """{"type":"string"}""", avro));
    }
}
