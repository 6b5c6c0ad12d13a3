namespace Gateway.Consume.Decoding;

/// <summary>The embedded format of a consumer instance: how it shows Kafka's bytes to the client.</summary>
internal enum RecordFormat
{
    Binary,
    Json,
    Avro,
    JsonSchema,
    Protobuf,
}

internal static class RecordFormats
{
    /// <summary>kafka-rest's <c>format</c> values, matched case-insensitively; null when unknown.</summary>
    public static RecordFormat? Parse(string name) => name.ToUpperInvariant() switch
    {
        "BINARY" => RecordFormat.Binary,
        "JSON" => RecordFormat.Json,
        "AVRO" => RecordFormat.Avro,
        "JSONSCHEMA" => RecordFormat.JsonSchema,
        "PROTOBUF" => RecordFormat.Protobuf,
        _ => null,
    };

    public static string Name(this RecordFormat format) => format.ToString().ToLowerInvariant();
}
