using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Serdes;

/// <summary>
/// Draft 4 schemas in draft 6 terms, which JsonSchema.Net validates: <c>id</c> becomes <c>$id</c>, and boolean
/// <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> with <c>minimum</c>/<c>maximum</c> become the numeric forms.
/// Only schema positions are rewritten, so a property named "id" is left alone. Other drafts pass through.
/// </summary>
internal static class Draft4Schema
{
    private const string Draft6 = "http://json-schema.org/draft-06/schema#";

    private static readonly string[] SchemaMaps = ["properties", "patternProperties", "definitions", "dependencies"];
    private static readonly string[] SchemaLists = ["allOf", "anyOf", "oneOf", "items"];
    private static readonly string[] SchemaValues = ["not", "items", "additionalItems", "additionalProperties"];

    public static JsonElement Adapted(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("$schema", out var dialect)
            || dialect.ValueKind != JsonValueKind.String || !(dialect.GetString() ?? "").Contains("draft-04", StringComparison.Ordinal))
        {
            return schema;
        }

        var node = JsonNode.Parse(schema.GetRawText())!.AsObject();
        Rewrite(node);
        node["$schema"] = Draft6;
        return JsonSerializer.SerializeToElement(node, JsonNodeContext.Default.JsonNode);
    }

    private static void Rewrite(JsonNode? node)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        if (schema["id"] is JsonValue { } id && id.GetValueKind() == JsonValueKind.String && !schema.ContainsKey("$id"))
        {
            schema.Remove("id");
            schema["$id"] = id.GetValue<string>();
        }

        Exclusive(schema, "exclusiveMinimum", "minimum");
        Exclusive(schema, "exclusiveMaximum", "maximum");
        foreach (var key in SchemaMaps)
        {
            if (schema[key] is JsonObject map)
            {
                foreach (var (_, value) in map)
                {
                    Rewrite(value);
                }
            }
        }

        foreach (var key in SchemaLists)
        {
            if (schema[key] is JsonArray list)
            {
                foreach (var value in list)
                {
                    Rewrite(value);
                }
            }
        }

        foreach (var key in SchemaValues)
        {
            Rewrite(schema[key]);
        }
    }

    private static void Exclusive(JsonObject schema, string exclusive, string bound)
    {
        if (schema[exclusive] is not JsonValue flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return;
        }

        schema.Remove(exclusive);
        if (flag.GetValue<bool>() && schema[bound] is { } limit)
        {
            schema.Remove(bound);
            schema[exclusive] = limit;
        }
    }
}
