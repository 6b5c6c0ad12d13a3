using Gateway.Registry.Formats;

namespace Gateway.Tests.Registry.Formats;

public sealed class JsonSchemaCompatibilityTests
{
    private const string ClosedAB = """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"additionalProperties":false}""";
    private const string ClosedA = """{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}""";
    private const string OpenAB = """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}}}""";
    private const string OpenA = """{"type":"object","properties":{"a":{"type":"string"}}}""";

    [Fact]
    public void Backward_PropertyRemovedFromClosedModel_ReportsConfluentMessage()
    {
        var result = Compatibility.Check(CompatibilityLevel.Backward, SchemaFormats.For(SchemaType.Json),
            FormatAssert.Parses(SchemaType.Json, ClosedA), [(2, FormatAssert.Parses(SchemaType.Json, ClosedAB))]);

        var problem = Assert.Single(result.Failures).Problem;
        Assert.Equal(("PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", "#/properties/b"), (problem.ErrorType, problem.Path));
        Assert.Equal("The new has a closed content model and is missing a property or item present at path '#/properties/b' in the old schema", problem.Description);
        Assert.Equal(
            "{errorType:\"PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL\", description:\"The new has a closed content model and is missing a property or item present at path '#/properties/b' in the old schema'}",
            result.Messages()[0]);
    }

    [Fact]
    public void ClosedModel_OptionalPropertyAdded_IsCompatibleButRequiredIsNot()
    {
        Assert.Empty(Problems(ClosedAB, ClosedA));

        var problem = Assert.Single(Problems(
            """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"required":["b"],"additionalProperties":false}""", ClosedA));
        Assert.Equal(("REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", "#/properties/b"), (problem.ErrorType, problem.Path));
    }

    [Fact]
    public void OpenModel_PropertyRemovedIsCompatibleButAddedIsNot()
    {
        Assert.Empty(Problems(OpenA, OpenAB));
        Assert.Equal("OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", Assert.Single(Problems(OpenAB, OpenA)).ErrorType);
        Assert.Empty(Problems("""{"type":"object","properties":{"a":{"type":"string"},"b":{}}}""", OpenA));
    }

    [Fact]
    public void Required_AddedToExistingProperty_IsIncompatibleUnlessItHasADefault()
    {
        Assert.Equal(("REQUIRED_ATTRIBUTE_ADDED", "#/required/a"),
            Single(Problems("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""", OpenA)));
        Assert.Empty(Problems("""{"type":"object","properties":{"a":{"type":"string","default":"x"}},"required":["a"]}""", OpenA));
        Assert.Empty(Problems(OpenA, """{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}"""));
    }

    [Theory]
    [InlineData("""{"type":"number"}""", """{"type":"integer"}""", null)]
    [InlineData("""{"type":"integer"}""", """{"type":"number"}""", "TYPE_NARROWED")]
    [InlineData("""{"type":"integer"}""", """{"type":"string"}""", "TYPE_CHANGED")]
    [InlineData("""{}""", """{"type":"string"}""", null)]
    [InlineData("""{"type":["string","null"]}""", """{"type":"string"}""", null)]
    [InlineData("""{"type":"string"}""", """{"type":["string","null"]}""", "TYPE_CHANGED")]
    [InlineData("""{"enum":["a","b","c"]}""", """{"enum":["a","b"]}""", null)]
    [InlineData("""{"enum":["a"]}""", """{"enum":["a","b"]}""", "ENUM_ARRAY_NARROWED")]
    [InlineData("""{"type":"string","maxLength":10}""", """{"type":"string","maxLength":5}""", null)]
    [InlineData("""{"type":"string","maxLength":5}""", """{"type":"string","maxLength":10}""", "MAX_LENGTH_DECREASED")]
    [InlineData("""{"type":"string","minLength":1}""", """{"type":"string"}""", "MIN_LENGTH_ADDED")]
    [InlineData("""{"type":"number","minimum":5}""", """{"type":"number","minimum":0}""", "MINIMUM_INCREASED")]
    [InlineData("""{"type":"number","exclusiveMaximum":10}""", """{"type":"number","maximum":10,"exclusiveMaximum":true}""", null)]
    [InlineData("""{"type":"string","pattern":"^b"}""", """{"type":"string","pattern":"^a"}""", "PATTERN_CHANGED")]
    [InlineData("""{"type":"array","items":{"type":"integer"}}""", """{"type":"array","items":{"type":"string"}}""", "TYPE_CHANGED")]
    [InlineData("""{"type":"array","items":{"type":"string"},"maxItems":3}""", """{"type":"array","items":{"type":"string"}}""", "MAX_ITEMS_ADDED")]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"integer"},{"type":"null"}]}""", """{"anyOf":[{"type":"string"},{"type":"integer"}]}""", null)]
    [InlineData("""{"anyOf":[{"type":"string"}]}""", """{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "SUM_TYPE_NARROWED")]
    [InlineData("""{"oneOf":[{"type":"string"},{"type":"null"}]}""", """{"type":"string"}""", null)]
    [InlineData("""{"allOf":[{"type":"string"},{"maxLength":3}]}""", """{"oneOf":[{"type":"string"},{"maxLength":3}]}""", "COMBINED_TYPE_CHANGED")]
    [InlineData("""{"type":"string","format":"email"}""", """{"type":"string"}""", "UNCHECKED_KEYWORD_CHANGED")]
    [InlineData("""{"type":"string"}""", """{"type":"string","format":"email"}""", null)]
    public void Change_ReaderAgainstWriter_MatchesConfluentRules(string reader, string writer, string? expected)
    {
        var problems = Problems(reader, writer);

        if (expected is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains(problems, p => p.ErrorType == expected);
        }
    }

    [Fact]
    public void Recursive_RefToItself_Terminates()
    {
        const string tree = """{"type":"object","properties":{"label":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}}}""";
        const string relabelled = """{"type":"object","properties":{"label":{"type":"integer"},"children":{"type":"array","items":{"$ref":"#"}}}}""";

        Assert.Empty(Problems(tree, tree));
        Assert.Equal(("TYPE_CHANGED", "#/properties/label"), Single(Problems(relabelled, tree)));
    }

    private static IReadOnlyList<Incompatibility> Problems(string reader, string writer) => FormatAssert.Problems(SchemaType.Json, reader, writer);

    private static (string, string) Single(IReadOnlyList<Incompatibility> problems)
    {
        var problem = Assert.Single(problems);
        return (problem.ErrorType, problem.Path);
    }
}
