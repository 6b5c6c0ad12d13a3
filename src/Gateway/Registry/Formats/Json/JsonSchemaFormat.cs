namespace Gateway.Registry.Formats;

internal sealed class JsonSchemaFormat : ISchemaFormat
{
    public SchemaType Type => SchemaType.Json;

    public (ParsedSchema? Schema, SchemaProblem? Problem) Parse(string text, IReadOnlyList<ResolvedReference> references, bool normalize) =>
        throw new NotImplementedException();

    public IReadOnlyList<Incompatibility> ReadIncompatibilities(ParsedSchema reader, ParsedSchema writer, SchemaRoles roles) =>
        throw new NotImplementedException();
}
