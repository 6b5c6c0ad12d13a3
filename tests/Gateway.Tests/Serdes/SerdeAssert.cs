using System.Text;
using Gateway.Http;
using Gateway.Registry.Formats;
using Gateway.Serdes;
using Gateway.Tests.Registry.Formats;

namespace Gateway.Tests.Serdes;

/// <summary>Runs the gateway's serdes for tests: whole framed records, their violations, and rendering back.</summary>
internal static class SerdeAssert
{
    public static ParsedSchema Schema(SchemaType type, string text, params ResolvedReference[] references) =>
        FormatAssert.Parses(type, text, false, references);

    /// <summary>The framed record for <paramref name="json"/>, failing with the violations when there are any.</summary>
    public static byte[] Serializes(ParsedSchema schema, string json, string? messageType = null)
    {
        var violations = new List<SchemaViolation>();
        var record = SchemaSerdes.Serialize(FixedIdRegistry.Id, schema, Encoding.UTF8.GetBytes(json), new ViolationSink(violations, 100), messageType);
        Assert.True(record is not null, "expected no violations, got: " + string.Join("; ", violations.Select(v => v.Describe())));
        Assert.Empty(violations);
        return record;
    }

    /// <summary>The violations of <paramref name="json"/>, which must have some.</summary>
    public static IReadOnlyList<SchemaViolation> Violations(ParsedSchema schema, string json, string? messageType = null, int limit = 100)
    {
        var violations = new List<SchemaViolation>();
        var record = SchemaSerdes.Serialize(FixedIdRegistry.Id, schema, Encoding.UTF8.GetBytes(json), new ViolationSink(violations, limit), messageType);
        Assert.Null(record);
        Assert.NotEmpty(violations);
        return violations;
    }

    /// <summary>The JSON kafka-rest's consumer would answer for a framed record.</summary>
    public static string Renders(ParsedSchema schema, byte[] record)
    {
        var (json, problem) = SchemaSerdes.Deserialize(record, schema);
        Assert.True(json is not null, $"expected the record to render, got: {problem?.Message}");
        return Encoding.UTF8.GetString(json);
    }

    public static string Problem(ParsedSchema schema, byte[] record)
    {
        var (json, problem) = SchemaSerdes.Deserialize(record, schema);
        Assert.Null(json);
        Assert.NotNull(problem);
        return problem.Message;
    }

    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
