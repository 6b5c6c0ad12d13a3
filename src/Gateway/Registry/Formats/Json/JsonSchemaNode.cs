using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>What a JSON Schema accepts, in the classes Confluent's checker (on the everit library) compares by.</summary>
internal enum JsonSchemaKind
{
    /// <summary><c>true</c>, <c>{}</c> or a schema of annotations only: accepts anything.</summary>
    Empty,
    False,
    Combined,
    Not,
    Enum,
    Const,
    String,
    Number,
    Boolean,
    Null,
    Object,
    Array,
}

/// <summary>One schema as compared: its kind, the JSON object holding its keywords, and its parts when combined.</summary>
internal sealed class JsonSchemaNode(string key, JsonSchemaKind kind, JsonElement keywords, string document)
{
    /// <summary>Unique per schema location (and per part a type array splits into), so recursion can be cut.</summary>
    public string Key { get; } = key;

    public JsonSchemaKind Kind { get; } = kind;

    /// <summary>The schema object; <see cref="JsonValueKind.Undefined"/> for <c>true</c> and <c>false</c>.</summary>
    public JsonElement Keywords { get; } = keywords;

    /// <summary>The document the keywords are in, against which their own <c>$ref</c>s resolve.</summary>
    public string Document { get; } = document;

    /// <summary>For <see cref="JsonSchemaKind.Combined"/>: allOf, anyOf or oneOf.</summary>
    public string Criterion { get; init; } = "";

    public IReadOnlyList<JsonSchemaNode> Subschemas { get; init; } = [];

    /// <summary>For <see cref="JsonSchemaKind.Number"/>: only integers.</summary>
    public bool RequiresInteger { get; init; }

    public bool Has(string keyword) => Keywords.ValueKind == JsonValueKind.Object && Keywords.TryGetProperty(keyword, out _);

    public JsonElement? Get(string keyword) =>
        Keywords.ValueKind == JsonValueKind.Object && Keywords.TryGetProperty(keyword, out var value) ? value : null;

    public double? Number(string keyword) => Get(keyword) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;
}
