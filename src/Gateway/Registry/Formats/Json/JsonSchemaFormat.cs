using System.Text;
using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>
/// JSON: JSON Schema of any draft from 4 to 2020-12, as given. The canonical text is the schema as compact JSON
/// (numbers as written, as Confluent keeps them); with normalize, object keys sorted at every level, as
/// Confluent's normalized form. A <c>$ref</c> to a reference's name (optionally with a <c>#/pointer</c>)
/// resolves to that reference's schema.
/// </summary>
internal sealed class JsonSchemaFormat : ISchemaFormat
{
    public SchemaType Type => SchemaType.Json;

    public (ParsedSchema? Schema, SchemaProblem? Problem) Parse(
        string text, IReadOnlyList<ResolvedReference> references, bool normalize)
    {
        if (ReferenceTypes.Mismatch(Type, references) is { } mismatch)
        {
            return (null, mismatch);
        }

        var referenceDocuments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            try
            {
                referenceDocuments[reference.Name] = Document(reference.Schema);
            }
            catch (JsonException e)
            {
                return (null, new SchemaProblem($"Reference '{reference.Name}' is not valid JSON: {e.Message}"));
            }
        }

        JsonElement root;
        try
        {
            root = Document(text);
        }
        catch (JsonException e)
        {
            return (null, new SchemaProblem($"Invalid JSON: {e.Message}"));
        }

        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            return (null, new SchemaProblem("Invalid JSON Schema: a schema must be a JSON object or a boolean"));
        }

        var documents = new JsonSchemaDocuments(root, referenceDocuments);
        foreach (var name in referenceDocuments.Keys.Prepend(JsonSchemaDocuments.Main))
        {
            if (JsonSchemaShape.FirstProblem(documents, name) is { } problem)
            {
                return (null, new SchemaProblem(name == JsonSchemaDocuments.Main
                    ? $"Invalid JSON Schema: {problem}"
                    : $"Reference '{name}' is not a valid JSON Schema: {problem}"));
            }
        }

        var canonical = new StringBuilder();
        JavaJson.WriteValue(canonical, root, sortKeys: normalize, numbersAsDoubles: false);
        return (new JsonParsedSchema(root, referenceDocuments, canonical.ToString(), references), null);
    }

    public IReadOnlyList<Incompatibility> ReadIncompatibilities(ParsedSchema reader, ParsedSchema writer, SchemaRoles roles)
    {
        var checker = new JsonCompatibilityChecker(
            new JsonSchemaModel(((JsonParsedSchema)writer).Documents), new JsonSchemaModel(((JsonParsedSchema)reader).Documents));
        return [.. checker.Compare().Where(d => !JsonDifference.Compatible.Contains(d.Type))
            .Select(d => new Incompatibility(d.Type, d.Path, JsonDifference.Describe(d.Type, d.Path, roles)))];
    }

    private static JsonElement Document(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
