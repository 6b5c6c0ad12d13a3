using System.Security.Cryptography;
using System.Text;
using Gateway.Registry.Formats;

namespace Gateway.Registry.Storage;

/// <summary>One schema under its global id: the text served, its references, and what decides "the same schema".</summary>
internal sealed class StoredSchema(int id, SchemaType type, string text, IReadOnlyList<SchemaReference> references, string fingerprint, ParsedSchema? parsed)
{
    public int Id { get; } = id;

    public SchemaType Type { get; } = type;

    public string Text { get; } = text;

    public IReadOnlyList<SchemaReference> References { get; } = references;

    public string Fingerprint { get; } = fingerprint;

    /// <summary>The parsed schema; null for a text another registry stored that the gateway's parsers refuse.</summary>
    public ParsedSchema? Parsed { get; } = parsed;

    private readonly HashSet<(string Subject, int Version)> _usedBy = [];

    /// <summary>How many subject versions (soft-deleted ones included) use this id; at 0 the id no longer resolves.</summary>
    public int Versions => _usedBy.Count;

    /// <summary>The subject versions (soft-deleted ones included) that use this id.</summary>
    public IReadOnlyCollection<(string Subject, int Version)> UsedBy => _usedBy;

    public void Use(string subject, int version) => _usedBy.Add((subject, version));

    public void Release(string subject, int version) => _usedBy.Remove((subject, version));

    /// <summary>The fingerprint of a stored text the parsers refuse: its exact text, type and references.</summary>
    public static string RawFingerprint(SchemaType type, string text, IReadOnlyList<SchemaReference> references)
    {
        var identity = new StringBuilder("raw\n").Append(type.ToWireName()).Append('\n').Append(text);
        foreach (var reference in references)
        {
            identity.Append('\n').Append(reference.Name).Append('\0').Append(reference.Subject).Append('\0').Append(reference.Version);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())));
    }
}

/// <summary>A schema registered under a subject at a version, and the offset of the record that says so.</summary>
internal sealed record SubjectVersion(string Subject, int Version, StoredSchema Schema, bool Deleted, long Offset);
