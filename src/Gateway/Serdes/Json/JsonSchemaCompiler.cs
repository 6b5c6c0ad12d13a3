using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Registry.Formats;

namespace Gateway.Serdes;

/// <summary>
/// Compiles a registry JSON Schema into the single-pass validator (<see cref="RecordValidator"/>) when every keyword it
/// uses is one that validator checks exactly as JsonSchema.Net does: <c>type</c>, <c>properties</c>, <c>required</c>,
/// <c>additionalProperties</c> as a boolean, <c>enum</c> of scalars, <c>pattern</c> (ECMAScript, as JsonSchema.Net),
/// <c>minLength</c>/<c>maxLength</c> (text elements, as JsonSchema.Net counts them), <c>minimum</c>/<c>maximum</c>,
/// <c>items</c> as one schema, and a <c>$ref</c> alone to a place inside the schema; annotations are ignored as they are
/// there. Anything else (<c>format</c>, combinators, a <c>$ref</c> with siblings or to a reference, recursion, a keyword
/// it does not know) leaves the schema to the full validator: null.
/// </summary>
internal static class JsonSchemaCompiler
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$comment", "title", "description", "default", "examples", "definitions", "$defs",
        "readOnly", "writeOnly", "deprecated", "contentEncoding", "contentMediaType",
    };

    private static readonly (string Name, JsonTypes Type)[] TypeNames =
    [
        ("null", JsonTypes.Null), ("boolean", JsonTypes.Boolean), ("integer", JsonTypes.Integer), ("number", JsonTypes.Number),
        ("string", JsonTypes.String), ("object", JsonTypes.Object), ("array", JsonTypes.Array),
    ];

    public static CompiledSchema? TryCompile(JsonParsedSchema parsed)
    {
        try
        {
            return Compile(parsed.Root, parsed.Root, isRoot: true, []);
        }
        catch (NotCoveredException)
        {
            return null;
        }
    }

    private static CompiledSchema Compile(JsonElement schema, JsonElement root, bool isRoot, HashSet<string> resolving)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return CompiledSchema.Any;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new NotCoveredException();
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Referenced(schema, reference, root, resolving);
        }

        var types = JsonTypes.None;
        int? minLength = null, maxLength = null;
        double? minimum = null, maximum = null;
        Regex? pattern = null;
        EnumValues? enumerated = null;
        var allowAdditional = true;
        CompiledSchema? items = null;
        var properties = new List<(string Name, JsonElement Schema)>();
        var required = new List<string>();
        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "type":
                    types = TypesOf(value);
                    break;
                case "properties" when value.ValueKind == JsonValueKind.Object:
                    properties.AddRange(value.EnumerateObject().Select(p => (p.Name, p.Value)));
                    break;
                case "required" when value.ValueKind == JsonValueKind.Array:
                    required.AddRange(value.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.String ? r.GetString()! : throw new NotCoveredException()));
                    break;
                case "additionalProperties":
                    allowAdditional = value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.Object when !value.EnumerateObject().Any() => true,
                        _ => throw new NotCoveredException(),
                    };
                    break;
                case "enum" when value.ValueKind == JsonValueKind.Array:
                    enumerated = new EnumValues(value.EnumerateArray().Select(Scalar).ToArray());
                    break;
                case "pattern" when value.ValueKind == JsonValueKind.String:
                    pattern = PatternOf(value.GetString()!);
                    break;
                case "minLength":
                    minLength = Count(value);
                    break;
                case "maxLength":
                    maxLength = Count(value);
                    break;
                case "minimum" when value.ValueKind == JsonValueKind.Number:
                    minimum = value.GetDouble();
                    break;
                case "maximum" when value.ValueKind == JsonValueKind.Number:
                    maximum = value.GetDouble();
                    break;
                case "items" when value.ValueKind is JsonValueKind.Object or JsonValueKind.True:
                    items = Compile(value, root, isRoot: false, resolving);
                    break;
                case "$id" when isRoot:
                case "$schema" when isRoot && IsStandardDialect(value):
                    break;
                default:
                    if (!Annotations.Contains(keyword.Name))
                    {
                        throw new NotCoveredException();
                    }

                    break;
            }
        }

        var compiled = properties
            .Select(p => new CompiledProperty(p.Name, Compile(p.Schema, root, isRoot: false, resolving), required.Contains(p.Name)))
            .ToList();
        foreach (var name in required.Distinct(StringComparer.Ordinal).Where(r => properties.All(p => p.Name != r)))
        {
            compiled.Add(new CompiledProperty(name, CompiledSchema.Any, required: true));
        }

        return new CompiledSchema
        {
            Types = types,
            MinLength = minLength,
            MaxLength = maxLength,
            CountsTextElements = true,
            Pattern = pattern,
            Minimum = minimum,
            Maximum = maximum,
            Enum = enumerated,
            Properties = compiled,
            AllowAdditionalProperties = allowAdditional,
            Items = items,
        };
    }

    /// <summary>A <c>$ref</c> alone (annotations aside) to a JSON Pointer inside the schema, compiled in its place.</summary>
    private static CompiledSchema Referenced(JsonElement schema, JsonElement reference, JsonElement root, HashSet<string> resolving)
    {
        if (reference.ValueKind != JsonValueKind.String
            || schema.EnumerateObject().Any(k => k.Name != "$ref" && !Annotations.Contains(k.Name))
            || reference.GetString() is not { } target || !target.StartsWith("#/", StringComparison.Ordinal)
            || !resolving.Add(target))
        {
            throw new NotCoveredException();
        }

        var found = root;
        foreach (var step in target[2..].Split('/'))
        {
            var name = Uri.UnescapeDataString(step).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(name, out found))
            {
                throw new NotCoveredException();
            }
        }

        var compiled = Compile(found, root, isRoot: false, resolving);
        resolving.Remove(target);
        return compiled;
    }

    /// <summary>A dialect of json-schema.org; any other is left to the full validator, which reports it.</summary>
    private static bool IsStandardDialect(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { } uri
        && (uri.StartsWith("http://json-schema.org/", StringComparison.Ordinal) || uri.StartsWith("https://json-schema.org/", StringComparison.Ordinal));

    private static JsonTypes TypesOf(JsonElement value)
    {
        IEnumerable<JsonElement> names = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];
        var types = JsonTypes.None;
        foreach (var name in names)
        {
            var match = TypeNames.FirstOrDefault(t => name.ValueKind == JsonValueKind.String && t.Name == name.GetString());
            types |= match.Name is null ? throw new NotCoveredException() : match.Type;
        }

        return types == JsonTypes.None ? throw new NotCoveredException() : types;
    }

    private static object? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => throw new NotCoveredException(),
    };

    private static int Count(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var count) && count >= 0 && count <= int.MaxValue && Math.Floor(count) == count
            ? (int)count
            : throw new NotCoveredException();

    private static Regex PatternOf(string pattern)
    {
        try
        {
            // JsonSchema.Net evaluates patterns as ECMAScript regular expressions (\d is [0-9] only).
            return new Regex(pattern, RegexOptions.ECMAScript, PatternTimeout);
        }
        catch (ArgumentException)
        {
            throw new NotCoveredException();
        }
    }

    private sealed class NotCoveredException : Exception;
}
