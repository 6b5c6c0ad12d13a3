using System.Runtime.CompilerServices;
using System.Text.Json;
using Gateway.Http;
using Gateway.Registry.Formats;

namespace Gateway.Serdes;

/// <summary>
/// JSON: a JSON value validated against the registry's JSON Schema, every violation with its instance pointer; the
/// payload is the value as compact UTF-8 JSON exactly as <see cref="CompactJson"/> writes it (the bytes v2 stores for
/// json). A schema that uses only keywords the single-pass validator checks is compiled into it
/// (<see cref="JsonSchemaCompiler"/>), any other is validated by JsonSchema.Net. Rendered on consume as kafka-rest's
/// Jackson tree renders it.
/// </summary>
internal sealed class JsonSchemaSerde : ISchemaSerde
{
    private static readonly ConditionalWeakTable<ParsedSchema, Validation> Compiled = new();

    public SchemaType Type => SchemaType.Json;

    /// <summary>The single-pass validator's form of <paramref name="schema"/>; null when JsonSchema.Net checks its values.</summary>
    public static CompiledSchema? CompiledOf(ParsedSchema schema) => ValidationOf(schema).Fast;

    public bool FromJson(ParsedSchema schema, ReadOnlyMemory<byte> json, PayloadWriter output, ViolationSink violations, string? messageType = null)
    {
        if (!Validate(schema, json, violations))
        {
            return false;
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

    /// <summary>Checks one JSON value against the schema, every violation to <paramref name="violations"/>; false when there are any.</summary>
    public static bool Validate(ParsedSchema schema, ReadOnlyMemory<byte> json, ViolationSink violations)
    {
        var validation = ValidationOf(schema);
        if (validation.Fast is { } compiled)
        {
            return new RecordValidator(violations).Validate(violations.Record, json.Span, compiled);
        }

        if (JsonValues.Parse(json, violations) is not { } document)
        {
            return false;
        }

        using (document)
        {
            return validation.Full!.Validate(document.RootElement, violations);
        }
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

    private static Validation ValidationOf(ParsedSchema schema) => Compiled.GetValue(schema, s =>
    {
        var parsed = (JsonParsedSchema)s;
        return JsonSchemaCompiler.TryCompile(parsed) is { } fast ? new Validation(fast, null) : new Validation(null, new JsonSchemaValidator(parsed));
    });

    /// <summary>How one schema's values are checked: compiled, or by the full validator.</summary>
    private sealed record Validation(CompiledSchema? Fast, JsonSchemaValidator? Full);
}
