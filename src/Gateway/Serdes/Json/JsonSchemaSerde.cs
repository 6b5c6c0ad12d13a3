using System.Runtime.CompilerServices;
using System.Text.Json;
using Gateway.Http;
using Gateway.Registry.Formats;

namespace Gateway.Serdes;

/// <summary>
/// JSON: a JSON value validated against the registry's JSON Schema, every violation with its instance pointer; the
/// payload is the value as compact UTF-8 JSON exactly as <see cref="CompactJson"/> writes it (the bytes v2 stores for
/// json). Rendered on consume as kafka-rest's Jackson tree renders it.
/// </summary>
internal sealed class JsonSchemaSerde : ISchemaSerde
{
    private static readonly ConditionalWeakTable<ParsedSchema, JsonSchemaValidator> Compiled = new();

    public SchemaType Type => SchemaType.Json;

    public bool FromJson(ParsedSchema schema, ReadOnlyMemory<byte> json, PayloadWriter output, ViolationSink violations, string? messageType = null)
    {
        var validator = Compiled.GetValue(schema, s => new JsonSchemaValidator((JsonParsedSchema)s));
        if (JsonValues.Parse(json, violations) is not { } document)
        {
            return false;
        }

        using (document)
        {
            if (!validator.Validate(document.RootElement, violations))
            {
                return false;
            }
        }

        var reader = new Utf8JsonReader(json.Span);
        reader.Read();
        try
        {
            CompactJson.Write(ref reader, output);
        }
        catch (JsonException e)
        {
            violations.Add("", "json", $"the value is not JSON: {e.Message}");
            return false;
        }

        return true;
    }

    public (byte[]? Json, WireProblem? Problem) ToJson(ParsedSchema schema, ReadOnlySpan<byte> payload)
    {
        var buffer = new PayloadWriter(payload.Length + 16);
        try
        {
            JsonRenderer.Render(payload, new JsonOutput(buffer));
        }
        catch (JsonException e)
        {
            return (null, new WireProblem($"the bytes are not JSON: {e.Message}"));
        }

        return (buffer.ToArray(), null);
    }
}
