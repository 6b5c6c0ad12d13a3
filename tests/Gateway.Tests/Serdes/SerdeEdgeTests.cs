using Gateway.Registry.Formats;

namespace Gateway.Tests.Serdes;

public sealed class SerdeEdgeTests
{
    [Theory]
    [InlineData("AVRO", """{"type":"record","name":"R","fields":[{"name":"s","type":"string"}]}""")]
    [InlineData("PROTOBUF", """syntax = "proto3"; message R { string s = 1; }""")]
    public void FromJson_StringWithALoneSurrogateEscape_IsAViolationNotAnError(string type, string text)
    {
        Assert.True(SchemaTypes.TryParse(type, out var schemaType));
        var schema = SerdeAssert.Schema(schemaType, text);

        var violation = Assert.Single(SerdeAssert.Violations(schema, """{"s":"\ud800"}"""));

        Assert.Equal(("", "json"), (violation.Pointer, violation.Keyword));
    }

    [Fact]
    public void FromJson_SchemaDeclaringAnUnknownDialect_IsAViolationNamingIt()
    {
        var schema = SerdeAssert.Schema(SchemaType.Json, """{"$schema":"https://example.com/my-dialect","type":"object"}""");

        var violation = Assert.Single(SerdeAssert.Violations(schema, "{}"));

        Assert.Equal(("", "schema"), (violation.Pointer, violation.Keyword));
    }

    [Fact]
    public void Serialize_SameSchemaFromManyThreads_GivesTheSameBytes()
    {
        var schema = SerdeAssert.Schema(SchemaType.Avro, """{"type":"record","name":"R","fields":[{"name":"n","type":"long"},{"name":"s","type":["null","string"]}]}""");
        var expected = SerdeAssert.Hex(SerdeAssert.Serializes(schema, """{"n":1,"s":"x"}"""));

        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = SerdeAssert.Hex(SerdeAssert.Serializes(schema, """{"n":1,"s":"x"}""")));

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
