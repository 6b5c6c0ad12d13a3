using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>
/// Turns schema JSON into <see cref="JsonSchemaNode"/>s as Confluent's checker sees them: <c>$ref</c> followed;
/// a type array split into an anyOf of one schema per type; keywords of one type without "type" taken as that
/// type; a schema with several concerns (type, enum, const, not, allOf/anyOf/oneOf) an allOf of them.
/// </summary>
internal sealed class JsonSchemaModel(JsonSchemaDocuments documents)
{
    private static readonly string[] ObjectKeywords =
        ["properties", "required", "additionalProperties", "patternProperties", "minProperties", "maxProperties",
         "dependencies", "dependentRequired", "dependentSchemas", "propertyNames", "unevaluatedProperties"];

    private static readonly string[] ArrayKeywords =
        ["items", "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains", "minContains",
         "maxContains", "unevaluatedItems"];

    private static readonly string[] StringKeywords = ["minLength", "maxLength", "pattern", "format"];

    private static readonly string[] NumberKeywords = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];

    private static readonly string[] Combiners = ["allOf", "anyOf", "oneOf"];

    private readonly Dictionary<string, JsonSchemaNode> _nodes = new(StringComparer.Ordinal);

    public JsonSchemaNode Root() => Node(JsonSchemaDocuments.Main, "", documents.Root(JsonSchemaDocuments.Main));

    /// <summary>The subschema of <paramref name="parent"/> at the pointer tokens given, or null where there is none.</summary>
    public JsonSchemaNode? Child(JsonSchemaNode parent, params string[] tokens)
    {
        var element = parent.Keywords;
        foreach (var token in tokens)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(token, out var next))
            {
                element = next;
            }
            else if (element.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index < element.GetArrayLength())
            {
                element = element[index];
            }
            else
            {
                return null;
            }
        }

        return Node(parent.Document, PointerOf(parent) + "/" + string.Join('/', tokens.Select(Escape)), element);
    }

    private static string PointerOf(JsonSchemaNode node)
    {
        var key = node.Key[(node.Key.IndexOf('#', StringComparison.Ordinal) + 1)..];
        var part = key.IndexOf('|', StringComparison.Ordinal);
        return part < 0 ? key : key[..part];
    }

    private JsonSchemaNode Node(string document, string pointer, JsonElement schema)
    {
        var key = document + "#" + pointer;
        if (_nodes.TryGetValue(key, out var known))
        {
            return known;
        }

        var node = Classify(document, pointer, schema, key, new HashSet<string>(StringComparer.Ordinal));
        _nodes[key] = node;
        return node;
    }

    private JsonSchemaNode Classify(string document, string pointer, JsonElement schema, string key, HashSet<string> followed)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return new JsonSchemaNode(key, schema.ValueKind == JsonValueKind.True ? JsonSchemaKind.Empty : JsonSchemaKind.False, default, document);
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String
            && documents.Resolve(document, reference.GetString()!) is { } target && followed.Add(target.Document + "#" + target.Pointer))
        {
            // A $ref stands for its target; sibling keywords are ignored, as draft 7 and Confluent's checker do.
            var targetKey = target.Document + "#" + target.Pointer;
            return _nodes.TryGetValue(targetKey, out var known)
                ? known
                : Classify(target.Document, target.Pointer, target.Schema, targetKey, followed);
        }

        var parts = new List<JsonSchemaNode>();
        var typed = TypedParts(document, schema, key);
        if (typed.Count == 1)
        {
            parts.Add(typed[0]);
        }
        else if (typed.Count > 1)
        {
            parts.Add(new JsonSchemaNode(key + "|types", JsonSchemaKind.Combined, schema, document) { Criterion = "anyOf", Subschemas = typed });
        }

        if (schema.TryGetProperty("enum", out _))
        {
            parts.Add(new JsonSchemaNode(key + "|enum", JsonSchemaKind.Enum, schema, document));
        }

        if (schema.TryGetProperty("const", out _))
        {
            parts.Add(new JsonSchemaNode(key + "|const", JsonSchemaKind.Const, schema, document));
        }

        if (schema.TryGetProperty("not", out var negated))
        {
            parts.Add(new JsonSchemaNode(key + "|not", JsonSchemaKind.Not, schema, document)
            {
                Subschemas = [Node(document, pointer + "/not", negated)],
            });
        }

        foreach (var criterion in Combiners)
        {
            if (schema.TryGetProperty(criterion, out var subschemas) && subschemas.ValueKind == JsonValueKind.Array)
            {
                parts.Add(new JsonSchemaNode(key + "|" + criterion, JsonSchemaKind.Combined, schema, document)
                {
                    Criterion = criterion,
                    Subschemas = [.. subschemas.EnumerateArray().Select((s, i) => Node(document, $"{pointer}/{criterion}/{i}", s))],
                });
            }
        }

        return parts.Count switch
        {
            0 => new JsonSchemaNode(key, JsonSchemaKind.Empty, schema, document),
            1 => Rekeyed(parts[0], key),
            _ => new JsonSchemaNode(key, JsonSchemaKind.Combined, schema, document) { Criterion = "allOf", Subschemas = parts },
        };
    }

    private static List<JsonSchemaNode> TypedParts(string document, JsonElement schema, string key)
    {
        var types = new List<string>();
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                types.Add(type.GetString()!);
            }
            else if (type.ValueKind == JsonValueKind.Array)
            {
                types.AddRange(type.EnumerateArray().Select(t => t.GetString() ?? ""));
            }
        }
        else
        {
            if (ObjectKeywords.Any(k => schema.TryGetProperty(k, out _)))
            {
                types.Add("object");
            }

            if (ArrayKeywords.Any(k => schema.TryGetProperty(k, out _)))
            {
                types.Add("array");
            }

            if (StringKeywords.Any(k => schema.TryGetProperty(k, out _)))
            {
                types.Add("string");
            }

            if (NumberKeywords.Any(k => schema.TryGetProperty(k, out _)))
            {
                types.Add("number");
            }
        }

        return [.. types.Distinct().Select(t => new JsonSchemaNode(key + "|" + t, KindOf(t), schema, document) { RequiresInteger = t == "integer" })];
    }

    // A single part keeps the schema's own key, so children resolve from its pointer.
    private static JsonSchemaNode Rekeyed(JsonSchemaNode part, string key) =>
        part.Kind == JsonSchemaKind.Not || part.Kind == JsonSchemaKind.Combined
            ? new JsonSchemaNode(key, part.Kind, part.Keywords, part.Document) { Criterion = part.Criterion, Subschemas = part.Subschemas }
            : new JsonSchemaNode(key, part.Kind, part.Keywords, part.Document) { RequiresInteger = part.RequiresInteger };

    public static JsonSchemaKind KindOf(string type) => type switch
    {
        "string" => JsonSchemaKind.String,
        "number" or "integer" => JsonSchemaKind.Number,
        "boolean" => JsonSchemaKind.Boolean,
        "null" => JsonSchemaKind.Null,
        "object" => JsonSchemaKind.Object,
        "array" => JsonSchemaKind.Array,
        _ => JsonSchemaKind.Empty,
    };

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
