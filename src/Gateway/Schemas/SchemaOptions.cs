namespace Gateway.Schemas;

/// <summary>What happens to a produce request for a topic no binding matches.</summary>
public enum UnboundTopicPolicy
{
    /// <summary>Produce without validation.</summary>
    Accept,

    /// <summary>Refuse with 404 / 40401: the gateway writes only where it knows the shape.</summary>
    Reject,
}

/// <summary>The <c>Schemas</c> configuration section: which JSON Schema each topic's values must match.</summary>
public sealed class SchemaOptions
{
    public const string Section = "Schemas";

    public UnboundTopicPolicy UnboundTopics { get; set; } = UnboundTopicPolicy.Reject;

    /// <summary>Bindings by name, so one can be overridden from the environment (<c>Schemas__Bindings__pin__DeadLetterTopic</c>).</summary>
    public Dictionary<string, SchemaBindingOptions> Bindings { get; set; } = [];

    /// <summary>At most this many validation errors are reported for one request.</summary>
    public int MaxErrors { get; set; } = 100;
}

/// <summary>One binding: a topic (exact name or pattern) and the schema its values must match: a file, a registry subject, or both.</summary>
public sealed class SchemaBindingOptions
{
    /// <summary>The exact topic name; use this or <see cref="Pattern"/>.</summary>
    public string Topic { get; set; } = "";

    /// <summary>A .NET regular expression matched against the whole topic name.</summary>
    public string Pattern { get; set; } = "";

    /// <summary>The JSON Schema file, relative to the gateway's content root or its install folder; use this, <see cref="Subject"/>, or both.</summary>
    public string Schema { get; set; } = "";

    /// <summary>
    /// A schema registry subject whose schemas the values must match, in any format: values written under a schema
    /// id are taken only with an id the binding allows, json and binary values are validated against the subject's
    /// JSON Schema (or refused when its schema is Avro or Protobuf). With <see cref="Schema"/> the file is registered
    /// under this subject at start and the binding allows that schema's id.
    /// </summary>
    public string Subject { get; set; } = "";

    /// <summary>Pins a <see cref="Subject"/> binding to this version; unset allows every version of the subject, and json values are validated against the latest.</summary>
    public int? Version { get; set; }

    /// <summary>Pins a <see cref="Subject"/> binding to this schema id.</summary>
    public int? SchemaId { get; set; }

    /// <summary>A topic that receives rejected records, with the reason in headers; empty for none.</summary>
    public string DeadLetterTopic { get; set; } = "";

    /// <summary>
    /// Binary-format values are decoded and must be JSON matching the schema too (the default), so
    /// switching format cannot bypass the binding. <c>false</c> lets binary payloads through unvalidated.
    /// </summary>
    public bool ValidateBinaryPayloads { get; set; } = true;

    /// <summary>
    /// The former opt-in for validating binary payloads, now the default. <c>true</c> is accepted and
    /// changes nothing; <c>false</c> is refused at start-up, since it no longer means what it did.
    /// </summary>
    public bool? BinaryPayloadIsJson { get; set; }
}
