using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Serdes;

/// <summary>The JSON types a value may have, as JSON Schema names them.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Integer = 4,
    Number = 8 | Integer,
    String = 16,
    Object = 32,
    Array = 64,
}

/// <summary>A JSON Schema turned into what validating a value needs, and nothing else.</summary>
internal sealed class CompiledSchema
{
    /// <summary>Allowed types; <see cref="JsonTypes.None"/> allows any.</summary>
    public JsonTypes Types { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>
    /// Lengths count text elements (what a reader sees as one character, as JsonSchema.Net counts them for registry
    /// schemas) rather than Unicode code points (the schema files' rule).
    /// </summary>
    public bool CountsTextElements { get; init; }

    public Regex? Pattern { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public EnumValues? Enum { get; init; }

    public IReadOnlyList<CompiledProperty> Properties { get; init; } = [];

    public bool AllowAdditionalProperties { get; init; } = true;

    public CompiledSchema? Items { get; init; }

    /// <summary>A schema that accepts anything.</summary>
    public static CompiledSchema Any { get; } = new();
}

/// <summary>A property of an object schema: its name in UTF-8 for matching, and its schema.</summary>
internal sealed class CompiledProperty(string name, CompiledSchema schema, bool required)
{
    public string Name { get; } = name;

    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(name);

    public CompiledSchema Schema { get; } = schema;

    public bool Required { get; } = required;
}
