namespace Gateway.Registry.Formats;

/// <summary>One schema format: how its texts parse, and when one of its schemas can read another's data.</summary>
internal interface ISchemaFormat
{
    SchemaType Type { get; }

    /// <summary>
    /// Parses and validates <paramref name="text"/>. <paramref name="references"/> are resolved already (name to
    /// text), in the order the request lists them; <paramref name="normalize"/> is Confluent's
    /// <c>?normalize=true</c>. Exactly one of the two results is set.
    /// </summary>
    (ParsedSchema? Schema, SchemaProblem? Problem) Parse(string text, IReadOnlyList<ResolvedReference> references, bool normalize);

    /// <summary>Why <paramref name="reader"/> cannot read data written with <paramref name="writer"/>; empty when it can.
    /// Descriptions call the reader "new" and the writer "old".</summary>
    IReadOnlyList<Incompatibility> ReadIncompatibilities(ParsedSchema reader, ParsedSchema writer) =>
        ReadIncompatibilities(reader, writer, SchemaRoles.NewReadsOld);

    /// <summary>As the two-argument form, with descriptions naming the schemas by <paramref name="roles"/>.</summary>
    IReadOnlyList<Incompatibility> ReadIncompatibilities(ParsedSchema reader, ParsedSchema writer, SchemaRoles roles);
}
