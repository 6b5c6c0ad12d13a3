using System.Text.Json;

namespace Gateway.Schemas;

/// <summary>How violations are written wherever they appear: <c>{"record","pointer","keyword","message"}</c>.</summary>
internal static class SchemaViolationJson
{
    public static void WriteArray(Utf8JsonWriter writer, IEnumerable<SchemaViolation> violations)
    {
        writer.WriteStartArray();
        foreach (var violation in violations)
        {
            writer.WriteStartObject();
            writer.WriteNumber("record"u8, violation.Record);
            writer.WriteString("pointer"u8, violation.Pointer);
            writer.WriteString("keyword"u8, violation.Keyword);
            writer.WriteString("message"u8, violation.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static string Describe(SchemaViolation violation) =>
        $"record {violation.Record} at '{violation.Pointer}': {violation.Keyword}: {violation.Message}";
}
