using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>A JSON Schema: the parsed document and its references' documents, for validators and compatibility checks.</summary>
internal sealed class JsonParsedSchema : ParsedSchema
{
    public JsonParsedSchema(
        JsonElement root, IReadOnlyDictionary<string, JsonElement> referenceDocuments, string canonical,
        IReadOnlyList<ResolvedReference> references)
        : base(SchemaType.Json, canonical, canonical, references)
    {
        Root = root;
        ReferenceDocuments = referenceDocuments;
        Documents = new JsonSchemaDocuments(root, referenceDocuments);
    }

    /// <summary>The schema as parsed (an object or a boolean), detached from any document's lifetime.</summary>
    public JsonElement Root { get; }

    /// <summary>Each reference's schema by the name a <c>$ref</c> uses for it.</summary>
    public IReadOnlyDictionary<string, JsonElement> ReferenceDocuments { get; }

    /// <summary>The draft the schema declares in <c>$schema</c>, or null when it declares none.</summary>
    public string? Dialect => Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty("$schema", out var dialect)
        ? dialect.GetString()
        : null;

    internal JsonSchemaDocuments Documents { get; }
}
