using System.Text.RegularExpressions;
using Gateway.Serdes;

namespace Gateway.Schemas;

/// <summary>
/// A loaded binding: which topics it covers, the schema their values must match (a file compiled at start-up, a
/// registry subject, or a file registered under a subject), and where rejects go.
/// </summary>
internal sealed class SchemaBinding(string name, SchemaBindingOptions options, Regex? pattern, CompiledSchema? schema, string? schemaText)
{
    public string Name { get; } = name;

    /// <summary>The file's compiled schema; null for a binding to a subject alone.</summary>
    public CompiledSchema? Schema { get; } = schema;

    /// <summary>What json and binary values are checked against when the binding has a file: the compiled file.</summary>
    public ValueSchema? FileSchema { get; } = schema is null ? null : ValueSchema.Of(schema);

    /// <summary>The schema file's text, as <c>GET /schemas/{topic}</c> returns it; null without a file.</summary>
    public string? SchemaText { get; } = schemaText;

    public string SchemaFile { get; } = options.Schema;

    /// <summary>The registry subject the binding names; null for a file alone.</summary>
    public string? Subject { get; } = options.Subject.Length > 0 ? options.Subject : null;

    public int? PinnedVersion { get; } = options.Version;

    public int? PinnedId { get; } = options.SchemaId;

    /// <summary>True when the binding names a registry subject: values written under a schema id must use one it allows.</summary>
    public bool IsSubjectBound => Subject is not null;

    public string? DeadLetterTopic { get; } = options.DeadLetterTopic.Length > 0 ? options.DeadLetterTopic : null;

    /// <summary>Binary-format values must be JSON that matches the schema, as json-format values must.</summary>
    public bool ValidatesBinaryPayloads { get; } = options.ValidateBinaryPayloads;

    /// <summary>The exact topic or the pattern, for people reading the binding list.</summary>
    public string Covers { get; } = options.Topic.Length > 0 ? options.Topic : options.Pattern;

    public bool IsExact { get; } = options.Topic.Length > 0;

    public bool Matches(string topic) => IsExact ? string.Equals(Covers, topic, StringComparison.Ordinal) : pattern!.IsMatch(topic);

    /// <summary>What the binding takes, in words: the subject and its pin, or the file.</summary>
    public string Describe() => (Subject, PinnedVersion, PinnedId) switch
    {
        (null, _, _) => $"the JSON Schema file {SchemaFile}",
        (var subject, { } version, _) => $"subject {subject} version {version}",
        (var subject, _, { } id) => $"subject {subject} schema {id}",
        (var subject, _, _) when SchemaText is not null => $"subject {subject} as registered from {SchemaFile}",
        (var subject, _, _) => $"subject {subject}, any version",
    };
}
