using System.Text.RegularExpressions;

namespace Gateway.Schemas;

/// <summary>A loaded binding: which topics it covers, the schema their values must match, and where rejects go.</summary>
internal sealed class SchemaBinding(string name, SchemaBindingOptions options, Regex? pattern, CompiledSchema schema, string schemaText)
{
    public string Name { get; } = name;

    public CompiledSchema Schema { get; } = schema;

    /// <summary>The schema file's text, as <c>GET /schemas/{topic}</c> returns it.</summary>
    public string SchemaText { get; } = schemaText;

    public string SchemaFile { get; } = options.Schema;

    public string? DeadLetterTopic { get; } = options.DeadLetterTopic.Length > 0 ? options.DeadLetterTopic : null;

    /// <summary>Binary-format values must be JSON that matches the schema, as json-format values must.</summary>
    public bool ValidatesBinaryPayloads { get; } = options.ValidateBinaryPayloads;

    /// <summary>The exact topic or the pattern, for people reading the binding list.</summary>
    public string Covers { get; } = options.Topic.Length > 0 ? options.Topic : options.Pattern;

    public bool IsExact { get; } = options.Topic.Length > 0;

    public bool Matches(string topic) => IsExact ? string.Equals(Covers, topic, StringComparison.Ordinal) : pattern!.IsMatch(topic);
}
