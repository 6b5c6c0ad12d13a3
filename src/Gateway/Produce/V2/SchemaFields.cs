using System.Globalization;
using System.Text.Json;
using Gateway.Http;

namespace Gateway.Produce.V2;

/// <summary>The schema fields of a v2 produce request, beside <c>records</c>: a schema id or a raw schema for keys and for values.</summary>
internal record struct SchemaFields(int? KeySchemaId, string? KeySchema, int? ValueSchemaId, string? ValueSchema)
{
    /// <summary>Which schema field the reader is on (0 to 3), or null for another name.</summary>
    public static int? Names(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("key_schema_id"u8) ? 0
        : reader.ValueTextEquals("key_schema"u8) ? 1
        : reader.ValueTextEquals("value_schema_id"u8) ? 2
        : reader.ValueTextEquals("value_schema"u8) ? 3
        : null;

    /// <summary>Reads field <paramref name="field"/>'s value as Jackson binds it: an int (or a string holding one) for an id, a string for a schema.</summary>
    public GatewayError? Read(ref Utf8JsonReader reader, int field)
    {
        var name = field switch { 0 => "key_schema_id", 1 => "key_schema", 2 => "value_schema_id", _ => "value_schema" };
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (field is 1 or 3)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                return ErrorCatalog.WrongType(name, "java.lang.String");
            }

            (KeySchema, ValueSchema) = field == 1 ? (reader.GetString(), ValueSchema) : (KeySchema, reader.GetString());
            return null;
        }

        int? id = reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var number) => number,
            JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var text) => text,
            _ => null,
        };
        if (id is null)
        {
            reader.Skip();
            return ErrorCatalog.WrongType(name, "java.lang.Integer");
        }

        (KeySchemaId, ValueSchemaId) = field == 0 ? (id, ValueSchemaId) : (KeySchemaId, id);
        return null;
    }
}
