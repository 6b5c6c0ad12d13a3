using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>
/// Shapes Avro's Java parser refuses and Apache.Avro lets through: a schema object whose "type" is missing or is
/// not a string, and a record whose "fields" is not an array of objects.
/// </summary>
internal static class AvroShape
{
    public static string? FirstProblem(JsonElement schema) => schema.ValueKind switch
    {
        JsonValueKind.String => null,
        JsonValueKind.Array => schema.EnumerateArray().Select(FirstProblem).FirstOrDefault(p => p is not null),
        JsonValueKind.Object => ObjectProblem(schema),
        _ => $"Not a schema: {schema.GetRawText()}",
    };

    private static string? ObjectProblem(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return $"No type: {schema.GetRawText()}";
        }

        if (type.ValueKind != JsonValueKind.String)
        {
            // Avro allows a nested schema object or union as "type" only inside a field.
            return $"No type: {schema.GetRawText()}";
        }

        switch (type.GetString())
        {
            case "record" or "error":
                if (!schema.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
                {
                    return $"Record has no fields: {schema.GetRawText()}";
                }

                foreach (var field in fields.EnumerateArray())
                {
                    if (field.ValueKind != JsonValueKind.Object || !field.TryGetProperty("type", out var fieldType))
                    {
                        return $"No field type: {field.GetRawText()}";
                    }

                    if (FirstProblem(fieldType) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case "array":
                return schema.TryGetProperty("items", out var items) ? FirstProblem(items) : $"Array has no items type: {schema.GetRawText()}";
            case "map":
                return schema.TryGetProperty("values", out var values) ? FirstProblem(values) : $"Map has no values type: {schema.GetRawText()}";
            default:
                return null;
        }
    }

    private static readonly HashSet<string> ObjectTypes =
        ["null", "boolean", "int", "long", "float", "double", "bytes", "string", "record", "error", "enum", "array", "map", "fixed"];

    /// <summary>The first "type" of a schema object that is neither a primitive nor a complex type keyword.</summary>
    public static string? FirstUnknownObjectType(JsonElement schema)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.Array:
                return schema.EnumerateArray().Select(FirstUnknownObjectType).FirstOrDefault(t => t is not null);
            case JsonValueKind.Object:
                var type = schema.GetProperty("type").GetString()!;
                if (!ObjectTypes.Contains(type))
                {
                    return type;
                }

                var nested = new List<JsonElement>();
                if (schema.TryGetProperty("fields", out var fields))
                {
                    nested.AddRange(fields.EnumerateArray().Select(f => f.GetProperty("type")));
                }

                foreach (var key in (string[])["items", "values"])
                {
                    if (schema.TryGetProperty(key, out var inner))
                    {
                        nested.Add(inner);
                    }
                }

                return nested.Select(FirstUnknownObjectType).FirstOrDefault(t => t is not null);
            default:
                return null;
        }
    }
}
