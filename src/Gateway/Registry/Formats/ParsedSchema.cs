using System.Security.Cryptography;
using System.Text;

namespace Gateway.Registry.Formats;

/// <summary>A schema that parsed and validated, in the form the registry stores and serves.</summary>
internal abstract class ParsedSchema
{
    protected ParsedSchema(SchemaType type, string canonical, string identity, IReadOnlyList<ResolvedReference> references)
    {
        Type = type;
        Canonical = canonical;
        References = references;
        Fingerprint = FingerprintOf(identity, references);
    }

    public SchemaType Type { get; }

    /// <summary>The text stored and served for this schema (the normalized form when parsed with normalize).</summary>
    public string Canonical { get; }

    /// <summary>
    /// Decides "the same schema": equal fingerprints mean one global id. Hex SHA-256 of the format, the
    /// schema's identity text and each reference's name and text, in order.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The references the schema was parsed with, in the order given.</summary>
    public IReadOnlyList<ResolvedReference> References { get; }

    public override string ToString() => Canonical;

    private string FingerprintOf(string identity, IReadOnlyList<ResolvedReference> references)
    {
        var text = new StringBuilder();
        text.Append(Type.ToWireName()).Append('\n').Append(identity);
        foreach (var reference in references)
        {
            // Lengths keep "a"+"bc" apart from "ab"+"c".
            text.Append('\n').Append(reference.Name.Length).Append(':').Append(reference.Name)
                .Append(reference.Schema.Length).Append(':').Append(reference.Schema);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
