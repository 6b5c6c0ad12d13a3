using Gateway.Registry.Formats;

namespace Gateway.Tests.Registry.Formats;

public sealed class AvroFormatTests
{
    private const string PrettyUser = """
        {
          "namespace": "com.acme",
          "type": "record",
          "name": "User",
          "doc": "A user",
          "fields": [
            { "type": "string", "name": "id" },
            { "name": "age", "default": 0, "type": "int" },
            { "name": "address", "type": {
                "type": "record", "name": "Address",
                "fields": [ { "name": "city", "type": "string" } ] } },
            { "name": "previous", "type": [ "null", "Address" ], "default": null }
          ]
        }
        """;

    [Fact]
    public void Canonical_PrettyPrintedRecord_IsJavaToStringForm()
    {
        var schema = FormatAssert.Parses(SchemaType.Avro, PrettyUser);

        Assert.Equal(
            """{"type":"record","name":"User","namespace":"com.acme","doc":"A user","fields":[{"name":"id","type":"string"},{"name":"age","type":"int","default":0},{"name":"address","type":{"type":"record","name":"Address","fields":[{"name":"city","type":"string"}]}},{"name":"previous","type":["null","Address"],"default":null}]}""",
            schema.Canonical);
    }

    [Fact]
    public void Canonical_PropertiesAndLogicalTypes_AreKeptInWrittenOrder()
    {
        var schema = FormatAssert.Parses(SchemaType.Avro, """
            {"type":"record","name":"R","connect.name":"x.R","fields":[
              {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"price","type":{"type":"bytes","scale":2,"precision":9,"logicalType":"decimal"},"x-note":"n"},
              {"name":"ratio","type":"double","default":1e2}]}
            """);

        Assert.Equal(
            """{"type":"record","name":"R","fields":[{"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"price","type":{"type":"bytes","scale":2,"precision":9,"logicalType":"decimal"},"x-note":"n"},{"name":"ratio","type":"double","default":100.0}],"connect.name":"x.R"}""",
            schema.Canonical);
    }

    [Fact]
    public void Fingerprint_WhitespaceAndKeyOrderVariants_AreEqual()
    {
        var compact = FormatAssert.Parses(SchemaType.Avro,
            """{"type":"record","name":"User","namespace":"com.acme","doc":"A user","fields":[{"name":"id","type":"string"},{"name":"age","type":"int","default":0},{"name":"address","type":{"type":"record","name":"Address","fields":[{"name":"city","type":"string"}]}},{"name":"previous","type":["null","Address"],"default":null}]}""");
        var pretty = FormatAssert.Parses(SchemaType.Avro, PrettyUser);

        Assert.Equal(compact.Fingerprint, pretty.Fingerprint);
    }

    [Fact]
    public void Fingerprint_ReorderedCustomProperties_EqualOnlyWhenNormalized()
    {
        const string first = """{"type":"record","name":"R","a.prop":1,"b.prop":2,"fields":[]}""";
        const string second = """{"type":"record","name":"R","b.prop":2,"a.prop":1,"fields":[]}""";

        Assert.NotEqual(FormatAssert.Parses(SchemaType.Avro, first).Fingerprint, FormatAssert.Parses(SchemaType.Avro, second).Fingerprint);
        var normalized = FormatAssert.Parses(SchemaType.Avro, second, normalize: true);
        Assert.Equal(FormatAssert.Parses(SchemaType.Avro, first, normalize: true).Fingerprint, normalized.Fingerprint);
        Assert.Equal("""{"type":"record","name":"R","fields":[],"a.prop":1,"b.prop":2}""", normalized.Canonical);
    }

    [Fact]
    public void Fingerprint_FieldTypeChanged_Differs()
    {
        var before = FormatAssert.Parses(SchemaType.Avro, """{"type":"record","name":"R","fields":[{"name":"f","type":"int"}]}""");
        var after = FormatAssert.Parses(SchemaType.Avro, """{"type":"record","name":"R","fields":[{"name":"f","type":"long"}]}""");

        Assert.NotEqual(before.Fingerprint, after.Fingerprint);
    }

    [Fact]
    public void Parse_NamedTypeFromReference_ResolvesAndIsPrintedByName()
    {
        var address = new ResolvedReference("com.acme.Address",
            """{"type":"record","name":"Address","namespace":"com.acme","fields":[{"name":"city","type":"string"}]}""", SchemaType.Avro);

        var schema = (AvroParsedSchema)FormatAssert.Parses(SchemaType.Avro,
            """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"home","type":"com.acme.Address"}]}""",
            normalize: false, address);

        Assert.Equal("""{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"home","type":"Address"}]}""", schema.Canonical);
        var home = ((Avro.RecordSchema)schema.Schema).Fields[0].Schema;
        Assert.Equal("com.acme.Address", ((Avro.RecordSchema)home).Fullname);
    }

    [Fact]
    public void Parse_UnknownNamedTypeWithoutItsReference_IsRejected()
    {
        var message = FormatAssert.Fails(SchemaType.Avro,
            """{"type":"record","name":"User","fields":[{"name":"home","type":"com.acme.Address"}]}""");

        Assert.Contains("Undefined name: com.acme.Address", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"record","name":"R","fields":[""", "Invalid JSON")]
    [InlineData("""{"type":"recrod","name":"R","fields":[]}""", "recrod")]
    [InlineData("""{"name":"R","fields":[]}""", "No type")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"f","type":"int"},{"name":"f","type":"int"}]}""", "duplicate")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","A"]}""", "Duplicate symbol: A")]
    [InlineData("""["int","int"]""", "Duplicate type in union: int")]
    public void Parse_InvalidSchema_SaysWhy(string text, string expected)
    {
        var message = FormatAssert.Fails(SchemaType.Avro, text);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"int\"", "\"x\"")]
    [InlineData("\"long\"", "1.5")]
    [InlineData("[\"null\",\"string\"]", "3")]
    [InlineData("{\"type\":\"array\",\"items\":\"int\"}", "[\"a\"]")]
    public void Parse_DefaultNotOfFieldType_IsRejected(string type, string defaultValue)
    {
        var message = FormatAssert.Fails(SchemaType.Avro,
            $$"""{"type":"record","name":"R","fields":[{"name":"f","type":{{type}},"default":{{defaultValue}}}]}""");

        Assert.StartsWith("Invalid default for field f", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnionDefaultMatchingLaterBranch_IsAccepted()
    {
        FormatAssert.Parses(SchemaType.Avro, """{"type":"record","name":"R","fields":[{"name":"f","type":["null","string"],"default":"x"}]}""");
    }

    [Fact]
    public void Canonical_NamesFromOtherNamespaces_AreWrittenInFull()
    {
        var schema = FormatAssert.Parses(SchemaType.Avro, """
            {"type":"record","name":"a.Outer","fields":[
              {"name":"inner","type":{"type":"record","name":"Inner","namespace":"b","fields":[
                {"name":"back","type":["null","a.Outer"]},
                {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["X"],"aliases":["b.OldKind"]}}]}},
              {"name":"again","type":"b.Inner"},
              {"name":"plain","type":{"type":"record","name":"Plain","namespace":"","fields":[]}}]}
            """);

        Assert.Equal(
            """{"type":"record","name":"Outer","namespace":"a","fields":[{"name":"inner","type":{"type":"record","name":"Inner","namespace":"b","fields":[{"name":"back","type":["null","a.Outer"]},{"name":"kind","type":{"type":"enum","name":"Kind","symbols":["X"],"aliases":["OldKind"]}}]}},{"name":"again","type":"b.Inner"},{"name":"plain","type":{"type":"record","name":"Plain","namespace":"","fields":[]}}]}""",
            schema.Canonical);
    }
}
