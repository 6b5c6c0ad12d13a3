using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gateway.Registry.Formats;

/// <summary>
/// The checks that make a JSON document a JSON Schema (drafts 4 to 2020-12): every subschema an object or a
/// boolean, known type names, keywords with values of the right kind, patterns that compile, and every
/// <c>$ref</c> resolving to the schema itself or a reference.
/// </summary>
internal static class JsonSchemaShape
{
    private static readonly HashSet<string> TypeNames = ["string", "number", "integer", "boolean", "null", "object", "array"];

    private static readonly string[] SchemaKeywords =
        ["additionalProperties", "additionalItems", "contains", "propertyNames", "not", "if", "then", "else",
         "unevaluatedProperties", "unevaluatedItems"];

    private static readonly string[] SchemaMapKeywords = ["properties", "patternProperties", "definitions", "$defs", "dependentSchemas"];

    private static readonly string[] SchemaArrayKeywords = ["allOf", "anyOf", "oneOf", "prefixItems"];

    private static readonly string[] NumberKeywords = ["minimum", "maximum", "multipleOf"];

    private static readonly string[] CountKeywords =
        ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains", "maxContains"];

    /// <summary>The first problem, as "#/pointer: what is wrong", or null.</summary>
    public static string? FirstProblem(JsonSchemaDocuments documents, string document) =>
        Check(documents, document, documents.Root(document), "#");

    private static string? Check(JsonSchemaDocuments documents, string document, JsonElement schema, string at)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return null;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return $"{at}: a schema must be an object or a boolean, not {schema.ValueKind.ToString().ToLowerInvariant()}";
        }

        return Keywords(documents, document, schema, at) ?? Subschemas(documents, document, schema, at);
    }

    private static string? Keywords(JsonSchemaDocuments documents, string document, JsonElement schema, string at)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            var names = type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray()] : new List<JsonElement> { type };
            if (names.Count == 0 || names.Any(n => n.ValueKind != JsonValueKind.String || !TypeNames.Contains(n.GetString()!)))
            {
                return $"{at}/type: not a type name or array of type names: {type.GetRawText()}";
            }
        }

        if (schema.TryGetProperty("required", out var required)
            && required.ValueKind != JsonValueKind.True && required.ValueKind != JsonValueKind.False
            && (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String)))
        {
            return $"{at}/required: must be an array of property names";
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind != JsonValueKind.Array)
        {
            return $"{at}/enum: must be an array";
        }

        foreach (var keyword in NumberKeywords)
        {
            if (schema.TryGetProperty(keyword, out var number) && number.ValueKind != JsonValueKind.Number)
            {
                return $"{at}/{keyword}: must be a number";
            }
        }

        foreach (var keyword in CountKeywords)
        {
            if (schema.TryGetProperty(keyword, out var count)
                && (count.ValueKind != JsonValueKind.Number || !count.TryGetInt64(out var n) || n < 0))
            {
                return $"{at}/{keyword}: must be a non-negative integer";
            }
        }

        if (schema.TryGetProperty("pattern", out var pattern))
        {
            if (pattern.ValueKind != JsonValueKind.String || !Compiles(pattern.GetString()!))
            {
                return $"{at}/pattern: not a valid regular expression: {pattern.GetRawText()}";
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            if (reference.ValueKind != JsonValueKind.String)
            {
                return $"{at}/$ref: must be a string";
            }

            if (documents.Resolve(document, reference.GetString()!) is null)
            {
                return $"{at}/$ref: unresolved reference '{reference.GetString()}' (not in this schema nor a reference by that name)";
            }
        }

        return null;
    }

    private static string? Subschemas(JsonSchemaDocuments documents, string document, JsonElement schema, string at)
    {
        foreach (var keyword in SchemaKeywords)
        {
            if (schema.TryGetProperty(keyword, out var sub) && Check(documents, document, sub, $"{at}/{keyword}") is { } problem)
            {
                return problem;
            }
        }

        foreach (var keyword in SchemaMapKeywords)
        {
            if (!schema.TryGetProperty(keyword, out var map))
            {
                continue;
            }

            if (map.ValueKind != JsonValueKind.Object)
            {
                return $"{at}/{keyword}: must be an object of schemas";
            }

            foreach (var entry in map.EnumerateObject())
            {
                if (keyword == "patternProperties" && !Compiles(entry.Name))
                {
                    return $"{at}/{keyword}: not a valid regular expression: {entry.Name}";
                }

                if (Check(documents, document, entry.Value, $"{at}/{keyword}/{entry.Name}") is { } problem)
                {
                    return problem;
                }
            }
        }

        foreach (var keyword in SchemaArrayKeywords)
        {
            if (!schema.TryGetProperty(keyword, out var array))
            {
                continue;
            }

            if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                return $"{at}/{keyword}: must be a non-empty array of schemas";
            }

            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (Check(documents, document, item, $"{at}/{keyword}/{i++}") is { } problem)
                {
                    return problem;
                }
            }
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var each = items.ValueKind == JsonValueKind.Array ? [.. items.EnumerateArray()] : new List<JsonElement> { items };
            for (var i = 0; i < each.Count; i++)
            {
                var path = items.ValueKind == JsonValueKind.Array ? $"{at}/items/{i}" : $"{at}/items";
                if (Check(documents, document, each[i], path) is { } problem)
                {
                    return problem;
                }
            }
        }

        if (schema.TryGetProperty("dependencies", out var dependencies) && dependencies.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in dependencies.EnumerateObject().Where(e => e.Value.ValueKind != JsonValueKind.Array))
            {
                if (Check(documents, document, entry.Value, $"{at}/dependencies/{entry.Name}") is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static bool Compiles(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
