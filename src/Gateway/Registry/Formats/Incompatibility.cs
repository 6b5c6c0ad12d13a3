namespace Gateway.Registry.Formats;

/// <summary>
/// One reason a reader cannot read a writer's data, in Confluent's terms: the error type (for example
/// READER_FIELD_MISSING_DEFAULT_VALUE), where in the schema, and a sentence naming the two schemas by their
/// roles ("new" and "old").
/// </summary>
internal sealed record Incompatibility(string ErrorType, string Path, string Description)
{
    /// <summary>Avro's extra detail (the field name, the missing symbols, the expected name); null for other formats.</summary>
    public string? AdditionalInfo { get; init; }
}
