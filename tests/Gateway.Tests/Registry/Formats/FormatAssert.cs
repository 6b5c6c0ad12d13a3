using Gateway.Registry.Formats;

namespace Gateway.Tests.Registry.Formats;

/// <summary>Parses schemas for tests, failing with the format's own message when a text that should parse does not.</summary>
internal static class FormatAssert
{
    public static ParsedSchema Parses(SchemaType type, string text, bool normalize = false, params ResolvedReference[] references)
    {
        var (schema, problem) = SchemaFormats.For(type).Parse(text, references, normalize);
        Assert.True(schema is not null, $"expected the schema to parse, got: {problem?.Message}");
        Assert.Null(problem);
        return schema;
    }

    public static string Fails(SchemaType type, string text, params ResolvedReference[] references)
    {
        var (schema, problem) = SchemaFormats.For(type).Parse(text, references, normalize: false);
        Assert.Null(schema);
        Assert.NotNull(problem);
        return problem.Message;
    }

    /// <summary>Why <paramref name="reader"/> cannot read <paramref name="writer"/>'s data, descriptions in BACKWARD terms.</summary>
    public static IReadOnlyList<Incompatibility> Problems(SchemaType type, string reader, string writer) =>
        SchemaFormats.For(type).ReadIncompatibilities(Parses(type, reader), Parses(type, writer));
}
