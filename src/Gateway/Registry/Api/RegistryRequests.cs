using System.Globalization;
using System.Text.Json;
using Gateway.Http;
using Gateway.Registry.Formats;

namespace Gateway.Registry.Api;

/// <summary>A register, lookup or compatibility body: the schema, and the id when the client asked to register it under a fixed one (import).</summary>
internal sealed record SchemaRequest(SchemaDefinition Definition, int? Id);

/// <summary>Reads the registry's request bodies, path versions and query flags as Confluent's registry reads them.</summary>
internal static class RegistryRequests
{
    /// <summary>Confluent's <c>RegisterSchemaRequest</c>: <c>schema</c>, <c>schemaType</c> (absent: AVRO), <c>references</c>;
    /// <c>metadata</c> and <c>ruleSet</c> may be null; other fields are ignored, as Confluent ignores them.</summary>
    public static (SchemaRequest? Request, GatewayError? Error) ReadSchema(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, ErrorCatalog.RegistryUnrecognizedField("(empty body): a JSON object with \"schema\" is required"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            return (null, ErrorCatalog.RegistryBadRequest($"Unexpected character or end of input in the request body: {e.Message}"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, WrongType("(request)", "RegisterSchemaRequest"));
            }

            string? text = null;
            string? typeName = null;
            int? id = null;
            var references = new List<SchemaReference>();
            foreach (var property in root.EnumerateObject())
            {
                var value = property.Value;
                switch (property.Name)
                {
                    case "schema" when value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                        text = value.GetString();
                        break;
                    case "schemaType" when value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                        typeName = value.GetString();
                        break;
                    case "references" when value.ValueKind == JsonValueKind.Null:
                        break;
                    case "references" when value.ValueKind == JsonValueKind.Array:
                        foreach (var item in value.EnumerateArray())
                        {
                            if (Reference(item) is not { } reference)
                            {
                                return (null, WrongType("references", "SchemaReference {name, subject, version}"));
                            }

                            references.Add(reference);
                        }

                        break;
                    case "id" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var givenId):
                        id = givenId;
                        break;
                    case "version" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _):
                        // Confluent uses it only in import mode, which this registry does not serve.
                        break;
                    case "metadata" or "ruleSet" when value.ValueKind is JsonValueKind.Null:
                        break;
                    case "metadata" or "ruleSet":
                        return (null, ErrorCatalog.InvalidSchema($"{property.Name} is not supported by this registry; send it null or leave it out"));
                    case "id" or "version" when value.ValueKind == JsonValueKind.Null:
                        break;
                    case "schema" or "schemaType" or "references" or "id" or "version":
                        return (null, WrongType(property.Name, property.Name is "id" or "version" ? "int" : property.Name == "references" ? "array" : "string"));
                }
            }

            if (!SchemaTypes.TryParse(typeName, out var type))
            {
                return (null, ErrorCatalog.InvalidSchema($"Invalid schema type {typeName}"));
            }

            return (new SchemaRequest(new SchemaDefinition(type, text ?? "", references), id is >= 0 ? id : null), null);
        }
    }

    /// <summary><c>{"compatibility":"FULL"}</c> (or Confluent's <c>compatibilityLevel</c>); the level, or 42203.</summary>
    public static (CompatibilityLevel? Level, GatewayError? Error) ReadLevel(ReadOnlySpan<byte> body)
    {
        var (name, error) = ReadName(body, "compatibility", "compatibilityLevel");
        return error is not null ? (null, error)
            : CompatibilityLevels.TryParse(name, out var level) ? (level, null)
            : (null, ErrorCatalog.InvalidCompatibilityLevel());
    }

    /// <summary><c>{"mode":"READWRITE"}</c>; the mode name, upper case, or 42204.</summary>
    public static (string? Mode, GatewayError? Error) ReadMode(ReadOnlySpan<byte> body)
    {
        var (name, error) = ReadName(body, "mode", "mode");
        var mode = name?.ToUpperInvariant();
        return error is not null ? (null, error)
            : mode is "READWRITE" or "READONLY" or "READONLY_OVERRIDE" or "IMPORT" or "FORWARD" ? (mode, null)
            : (null, ErrorCatalog.InvalidMode());
    }

    /// <summary>A path version: a number from 1 to 2^31-1, or <c>latest</c> (null), or -1 (Confluent's alias for latest).</summary>
    public static (bool Valid, int? Version) ReadVersion(string text)
    {
        if (string.Equals(text, "latest", StringComparison.Ordinal))
        {
            return (true, null);
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var version))
        {
            return version == -1 ? (true, null) : version >= 1 ? (true, version) : (false, null);
        }

        return (false, null);
    }

    /// <summary>A query flag read as Jersey reads a boolean: <c>true</c> in any case, anything else false.</summary>
    public static bool Flag(HttpRequest request, string name) =>
        string.Equals(request.Query[name].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A subject name Confluent's registry accepts: no control characters, not empty, not its reserved names.</summary>
    public static bool IsValidSubject(string subject) =>
        subject.Length > 0 && subject is not ("__GLOBAL" or "__EMPTY" or "*") && !subject.Any(char.IsControl);

    /// <summary>The string of the first of two fields a body object has; null when neither is a string.</summary>
    private static (string? Value, GatewayError? Error) ReadName(ReadOnlySpan<byte> body, string field, string alternative)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, WrongType("(request)", "object"));
            }

            var found = document.RootElement.TryGetProperty(field, out var value) || document.RootElement.TryGetProperty(alternative, out value);
            return (found && value.ValueKind == JsonValueKind.String ? value.GetString() : null, null);
        }
        catch (JsonException e)
        {
            return (null, ErrorCatalog.RegistryBadRequest($"Unexpected character or end of input in the request body: {e.Message}"));
        }
    }

    private static SchemaReference? Reference(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
        && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
        && item.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.String
        && item.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number)
            ? new SchemaReference(name.GetString()!, subject.GetString()!, number)
            : null;

    private static GatewayError WrongType(string field, string expected) =>
        new(422, 422, $"Cannot deserialize value of type `{expected}` for field '{field}'.");
}
