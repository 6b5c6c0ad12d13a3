using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>
/// The main schema and its references as JSON documents, and <c>$ref</c> resolution among them: "#/..." points
/// into the document the reference appears in; "name" or "name#/..." into the reference registered under that
/// name. Nothing is fetched from the network.
/// </summary>
internal sealed class JsonSchemaDocuments
{
    public const string Main = "";

    private readonly Dictionary<string, JsonElement> _documents = new(StringComparer.Ordinal);

    public JsonSchemaDocuments(JsonElement main, IReadOnlyDictionary<string, JsonElement> references)
    {
        _documents[Main] = main;
        foreach (var (name, document) in references)
        {
            _documents[name] = document;
        }
    }

    public JsonElement Root(string document) => _documents[document];

    // A reference by its registered name, or by a URI relative to the referring document's $id.
    private string? Named(string referrer, string target)
    {
        if (_documents.ContainsKey(target))
        {
            return target;
        }

        if (_documents[referrer] is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("$id", out var id)
            && Uri.TryCreate(id.GetString(), UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, target, out var absolute))
        {
            var resolved = absolute.GetLeftPart(UriPartial.Query);
            return _documents.ContainsKey(resolved) ? resolved : null;
        }

        return null;
    }

    /// <summary>The schema a <c>$ref</c> in <paramref name="document"/> points at, and where it is; null when it points nowhere known.</summary>
    public (string Document, string Pointer, JsonElement Schema)? Resolve(string document, string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var target = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? "" : Uri.UnescapeDataString(reference[(hash + 1)..]);
        if (target.Length > 0)
        {
            if (Named(document, target) is not { } named)
            {
                return null;
            }

            document = named;
        }

        var node = _documents[document];
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(key, out var child))
            {
                node = child;
            }
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(key, out var index) && index >= 0 && index < node.GetArrayLength())
            {
                node = node[index];
            }
            else
            {
                return null;
            }
        }

        return (document, pointer, node);
    }
}
