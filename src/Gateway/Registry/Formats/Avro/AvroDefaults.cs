using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>
/// Checks field defaults as Avro's Java parser does when Confluent registers a new schema (Apache.Avro does not):
/// a union's default may match any branch, a record's default must give every field without a default.
/// </summary>
internal static class AvroDefaults
{
    /// <summary>The first invalid default's message, or null when all are valid.</summary>
    public static string? FirstInvalid(JsonElement json, Avro.Schema schema)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Array:
                var union = (Avro.UnionSchema)schema;
                return json.EnumerateArray().Select((branch, i) => FirstInvalid(branch, union.Schemas[i]))
                    .FirstOrDefault(p => p is not null);
            case JsonValueKind.Object:
                break;
            default:
                return null;
        }

        var type = json.GetProperty("type").GetString();
        switch (Unwrap(schema))
        {
            case Avro.RecordSchema record when type is "record" or "error":
                var i = 0;
                foreach (var fieldJson in json.GetProperty("fields").EnumerateArray())
                {
                    var field = record.Fields[i++];
                    if (FirstInvalid(fieldJson.GetProperty("type"), field.Schema) is { } nested)
                    {
                        return nested;
                    }

                    if (fieldJson.TryGetProperty("default", out var value) && !IsValid(field.Schema, value))
                    {
                        return $"Invalid default for field {field.Name}: {value.GetRawText()} not a {fieldJson.GetProperty("type").GetRawText()}";
                    }
                }

                return null;
            case Avro.ArraySchema array when type == "array":
                return FirstInvalid(json.GetProperty("items"), array.ItemSchema);
            case Avro.MapSchema map when type == "map":
                return FirstInvalid(json.GetProperty("values"), map.ValueSchema);
            default:
                return null;
        }
    }

    private static bool IsValid(Avro.Schema schema, JsonElement value)
    {
        switch (Unwrap(schema))
        {
            case Avro.UnionSchema union:
                return union.Schemas.Any(branch => IsValid(branch, value));
            case Avro.RecordSchema record:
                return value.ValueKind == JsonValueKind.Object && record.Fields.All(field =>
                    value.TryGetProperty(field.Name, out var given)
                        ? IsValid(field.Schema, given)
                        : field.DefaultValue is not null);
            case Avro.EnumSchema or Avro.FixedSchema:
                return value.ValueKind == JsonValueKind.String;
            case Avro.ArraySchema array:
                return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => IsValid(array.ItemSchema, item));
            case Avro.MapSchema map:
                return value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(entry => IsValid(map.ValueSchema, entry.Value));
            case var primitive:
                return primitive.Tag switch
                {
                    Avro.Schema.Type.Null => value.ValueKind == JsonValueKind.Null,
                    Avro.Schema.Type.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                    Avro.Schema.Type.Int => value.ValueKind == JsonValueKind.Number && IsIntegral(value) && value.TryGetInt32(out _),
                    Avro.Schema.Type.Long => value.ValueKind == JsonValueKind.Number && IsIntegral(value) && value.TryGetInt64(out _),
                    Avro.Schema.Type.Float or Avro.Schema.Type.Double => value.ValueKind == JsonValueKind.Number
                        || (value.ValueKind == JsonValueKind.String && value.GetString() is "NaN" or "Infinity" or "-Infinity"),
                    Avro.Schema.Type.Bytes or Avro.Schema.Type.String => value.ValueKind == JsonValueKind.String,
                    _ => false,
                };
        }
    }

    private static bool IsIntegral(JsonElement number) => number.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    private static Avro.Schema Unwrap(Avro.Schema schema) => schema is Avro.LogicalSchema logical ? logical.BaseSchema : schema;
}
