namespace Gateway.Registry.Formats;

/// <summary>Each format's problem text exactly as Confluent's registry writes it, quirks included, so tools that match on it keep working.</summary>
internal static class CompatibilityMessages
{
    // Confluent truncates the old schema it quotes at this many characters.
    private const int MaxQuotedSchema = 10 * 1024;

    public static string Render(SchemaType type, Incompatibility problem) => type switch
        {
            SchemaType.Avro when problem.AdditionalInfo is not null =>
                $"{{errorType:'{problem.ErrorType}', description:'{problem.Description}', additionalInfo:'{problem.AdditionalInfo}'}}",
            SchemaType.Avro => problem.Description,
            // Confluent's JSON Schema message closes the description with a single quote.
            SchemaType.Json when problem.ErrorType != "SCHEMA_TYPE_CHANGED" =>
                $"{{errorType:\"{problem.ErrorType}\", description:\"{problem.Description}'}}",
            SchemaType.Protobuf when problem.ErrorType != "SCHEMA_TYPE_CHANGED" =>
                $"{{errorType:\"{problem.ErrorType}\", description:\"{problem.Description}\"}}",
            _ => problem.Description,
        };

    public static string OldSchema(string canonical) => canonical.Length <= MaxQuotedSchema
        ? $"{{oldSchema: '{canonical}'}}"
        : $"{{oldSchema: <truncated> '{canonical[..MaxQuotedSchema]}...'}}";
}
