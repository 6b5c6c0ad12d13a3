namespace Gateway.Registry.Formats;

/// <summary>The full names a named type (record, enum, fixed) also answers to, by full name of the type.</summary>
internal sealed class AvroNamedTypeAliases
{
    private readonly Dictionary<string, IReadOnlyList<string>> _byFullName = new(StringComparer.Ordinal);

    public void Add(string fullName, IReadOnlyList<string> aliases)
    {
        if (aliases.Count > 0)
        {
            _byFullName[fullName] = aliases;
        }
    }

    public IReadOnlyList<string> Of(string fullName) =>
        _byFullName.TryGetValue(fullName, out var aliases) ? aliases : [];
}
