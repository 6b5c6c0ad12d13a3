using System.Text.RegularExpressions;
using Gateway.Serdes;
using NJsonSchema;

namespace Gateway.Schemas;

/// <summary>
/// Reads a JSON Schema file with NJsonSchema (parsing, <c>$ref</c> resolution) and compiles the keywords
/// the gateway validates. A keyword it does not validate is an error, never silently ignored.
/// </summary>
internal static class SchemaCompiler
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <exception cref="InvalidDataException">The schema uses a keyword the gateway does not validate.</exception>
    public static async Task<CompiledSchema> CompileFileAsync(string path)
    {
        var schema = await JsonSchema.FromFileAsync(path).ConfigureAwait(false);
        return Compile(schema, "#");
    }

    private static CompiledSchema Compile(JsonSchema schema, string at)
    {
        schema = schema.ActualSchema;
        Refuse(schema.AllOf.Count + schema.AnyOf.Count + schema.OneOf.Count > 0 || schema.Not is not null, at, "allOf/anyOf/oneOf/not");
        Refuse(schema.Format is not null, at, "format (use pattern)");
        Refuse(schema.PatternProperties.Count > 0, at, "patternProperties");
        Refuse(schema.AdditionalPropertiesSchema is not null, at, "additionalProperties as a schema");
        Refuse(schema.MultipleOf is not null || schema.IsExclusiveMinimum || schema.IsExclusiveMaximum
            || schema.ExclusiveMinimum is not null || schema.ExclusiveMaximum is not null, at, "multipleOf/exclusiveMinimum/exclusiveMaximum");
        Refuse(schema.MinItems > 0 || schema.MaxItems > 0 || schema.UniqueItems || schema.Items.Count > 0, at, "minItems/maxItems/uniqueItems/tuple items");
        Refuse(schema.MinProperties > 0 || schema.MaxProperties > 0, at, "minProperties/maxProperties");
        Refuse(schema.ExtensionData?.Keys.Any(k => k is not ("$schema" or "$id" or "$comment" or "examples" or "const")) == true,
            at, $"unknown keyword(s) {string.Join(", ", schema.ExtensionData?.Keys ?? [])}");
        Refuse(schema.ExtensionData?.ContainsKey("const") == true, at, "const (use enum)");

        var required = schema.RequiredProperties.ToHashSet(StringComparer.Ordinal);
        return new CompiledSchema
        {
            Types = TypesOf(schema.Type),
            MinLength = schema.MinLength,
            MaxLength = schema.MaxLength,
            Pattern = schema.Pattern is { } pattern ? new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout) : null,
            Minimum = schema.Minimum is { } min ? (double)min : null,
            Maximum = schema.Maximum is { } max ? (double)max : null,
            Enum = schema.Enumeration.Count > 0 ? new EnumValues(schema.Enumeration) : null,
            Properties = schema.Properties
                .Select(p => new CompiledProperty(p.Key, Compile(p.Value, $"{at}/properties/{p.Key}"), required.Contains(p.Key) || p.Value.IsRequired))
                .ToArray(),
            AllowAdditionalProperties = schema.AllowAdditionalProperties,
            Items = schema.Item is { } item ? Compile(item, $"{at}/items") : null,
        };
    }

    private static readonly (JsonObjectType Given, JsonTypes Compiled)[] TypeNames =
    [
        (JsonObjectType.Null, JsonTypes.Null),
        (JsonObjectType.Boolean, JsonTypes.Boolean),
        (JsonObjectType.Integer, JsonTypes.Integer),
        (JsonObjectType.Number, JsonTypes.Number),
        (JsonObjectType.String, JsonTypes.String),
        (JsonObjectType.Object, JsonTypes.Object),
        (JsonObjectType.Array, JsonTypes.Array),
    ];

    private static JsonTypes TypesOf(JsonObjectType type) =>
        TypeNames.Where(t => type.HasFlag(t.Given)).Aggregate(JsonTypes.None, (all, t) => all | t.Compiled);

    private static void Refuse(bool present, string at, string keyword)
    {
        if (present)
        {
            throw new InvalidDataException($"{at}: the gateway does not validate {keyword}.");
        }
    }
}
