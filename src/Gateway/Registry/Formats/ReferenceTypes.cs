namespace Gateway.Registry.Formats;

/// <summary>A schema can only import schemas of its own format.</summary>
internal static class ReferenceTypes
{
    public static SchemaProblem? Mismatch(SchemaType type, IReadOnlyList<ResolvedReference> references) =>
        references.FirstOrDefault(r => r.Type != type) is { } other
            ? new SchemaProblem($"Reference '{other.Name}' is of type {other.Type.ToWireName()}; a {type.ToWireName()} schema can only reference {type.ToWireName()} schemas")
            : null;
}
