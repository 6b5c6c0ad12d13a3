using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Http;
using Gateway.Registry.Formats;
using Gateway.Serdes;
using Gateway.Tests.Support;

namespace Gateway.Tests.Serdes;

/// <summary>
/// Registry JSON Schemas whose keywords the single-pass validator covers are compiled into it; it must say of every
/// value what JsonSchema.Net (the full validator) says, and anything it does not cover is left to the full one.
/// </summary>
public sealed class JsonSchemaCompilerTests
{
    private static readonly string PinSchema = File.ReadAllText(Path.Combine(PinterestRows.RepositoryRoot(), "schemas", "pinterest", "pin.schema.json"));

    [Fact]
    public void PinSchema_Compiles_AndAgreesWithJsonSchemaNet_OnRealRowsAndBrokenOnes()
    {
        var schema = (JsonParsedSchema)SerdeAssert.Schema(SchemaType.Json, PinSchema);
        var compiled = JsonSchemaCompiler.TryCompile(schema);
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Produce", "Data", "pin.compact.jsonl")).Take(50).ToList();
        var broken = new (string Field, JsonNode? Value)[]
        {
            ("index", "7"), ("index", -1), ("index", 1.5), ("unique_id", "not-a-uuid"), ("follower_count", "12x"),
            ("is_image_or_video", "gif"), ("is_image_or_video", 3), ("image_src", ""), ("downloaded", 2), ("extra", true),
            ("save_location", "/tmp"), ("category", null),
        };
        var values = rows.Concat(broken.Select((b, i) => Mutated(rows[i % rows.Count], b.Field, b.Value)))
            .Append(Without(rows[0], "title")).Append("[]").Append("null").ToList();

        Assert.NotNull(compiled);
        foreach (var value in values)
        {
            Assert.Equal(Full(schema, value), Fast(compiled, value));
        }

        Assert.Equal(rows.Count, values.Count(v => Full(schema, v).Valid));
    }

    [Theory]
    [InlineData("""{"type":"string","maxLength":1}""", "\"e\u0301\"")]
    [InlineData("""{"type":"string","minLength":2}""", "\"👍🏽\"")]
    [InlineData("""{"type":"string","pattern":"^\\d+$"}""", "\"١٢\"")]
    [InlineData("""{"enum":["a",1]}""", "1.0")]
    [InlineData("""{"type":"integer"}""", "1.0")]
    [InlineData("""{"properties":{"a":{"$ref":"#/definitions/n"}},"definitions":{"n":{"type":"number","maximum":3}}}""", """{"a":4}""")]
    public void CoveredKeywords_OnEdgeValues_GiveJsonSchemaNetsVerdict(string text, string value)
    {
        var schema = (JsonParsedSchema)SerdeAssert.Schema(SchemaType.Json, text);
        var compiled = JsonSchemaCompiler.TryCompile(schema);

        Assert.NotNull(compiled);
        Assert.Equal(Full(schema, value).Valid, Fast(compiled, value).Valid);
    }

    [Theory]
    [InlineData("""{"type":"string","format":"email"}""")]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"integer"}]}""")]
    [InlineData("""{"$schema":"https://example.com/my-dialect","type":"object"}""")]
    [InlineData("""{"properties":{"a":{"$ref":"#/definitions/n","minimum":1}},"definitions":{"n":{"type":"number"}}}""")]
    [InlineData("""{"definitions":{"t":{"properties":{"next":{"$ref":"#/definitions/t"}}}},"$ref":"#/definitions/t"}""")]
    [InlineData("""{"additionalProperties":{"type":"string"}}""")]
    public void KeywordsItDoesNotCover_LeaveTheSchemaToTheFullValidator(string text)
    {
        Assert.Null(JsonSchemaCompiler.TryCompile((JsonParsedSchema)SerdeAssert.Schema(SchemaType.Json, text)));
    }

    /// <summary>The verdict and the places (pointer and keyword) of the violations.</summary>
    private static (bool Valid, string Places) Full(JsonParsedSchema schema, string value)
    {
        var violations = new List<SchemaViolation>();
        using var document = JsonDocument.Parse(value);
        var valid = new JsonSchemaValidator(schema).Validate(document.RootElement, new ViolationSink(violations, 100));
        return (valid, Places(violations));
    }

    private static (bool Valid, string Places) Fast(CompiledSchema compiled, string value)
    {
        var violations = new List<SchemaViolation>();
        var valid = new RecordValidator(violations, 100).Validate(0, Encoding.UTF8.GetBytes(value), compiled);
        return (valid, Places(violations));
    }

    private static string Places(List<SchemaViolation> violations) =>
        string.Join(" ", violations.Select(v => $"{v.Pointer}:{v.Keyword}").Distinct().Order(StringComparer.Ordinal));

    private static string Mutated(string row, string field, JsonNode? value)
    {
        var node = JsonNode.Parse(row)!.AsObject();
        node[field] = value;
        return node.ToJsonString();
    }

    private static string Without(string row, string field)
    {
        var node = JsonNode.Parse(row)!.AsObject();
        node.Remove(field);
        return node.ToJsonString();
    }
}
