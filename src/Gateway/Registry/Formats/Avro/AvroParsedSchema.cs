namespace Gateway.Registry.Formats;

/// <summary>An Avro schema: Apache.Avro's model for the serializers, and what compatibility checks need beside it.</summary>
internal sealed class AvroParsedSchema : ParsedSchema
{
    public AvroParsedSchema(
        Avro.Schema schema, string canonical, AvroNamedTypeAliases aliases, IReadOnlyList<ResolvedReference> references)
        : base(SchemaType.Avro, canonical, canonical, references)
    {
        Schema = schema;
        Aliases = aliases;
    }

    /// <summary>The parsed schema; named types from references resolve to the references' definitions.</summary>
    public Avro.Schema Schema { get; }

    /// <summary>Full alias names of each named type, which Apache.Avro parses but does not expose.</summary>
    public AvroNamedTypeAliases Aliases { get; }
}
