namespace Gateway.Http;

/// <summary>How keys and values are embedded in a produce request.</summary>
internal enum EmbeddedFormat
{
    /// <summary>Any JSON value, stored as compact UTF-8 JSON.</summary>
    Json,

    /// <summary>A base64 string, stored as the decoded bytes.</summary>
    Binary,

    /// <summary>JSON in Avro's JSON encoding, stored in Confluent's wire format under an Avro schema.</summary>
    Avro,

    /// <summary>Any JSON value, validated against a JSON Schema and stored in Confluent's wire format.</summary>
    JsonSchema,

    /// <summary>A message in Protobuf's JSON mapping, stored in Confluent's wire format under a Protobuf schema.</summary>
    Protobuf,
}

internal static class EmbeddedFormats
{
    /// <summary>True for the formats whose keys and values are written under a registry schema.</summary>
    public static bool UsesSchemas(this EmbeddedFormat format) => format is EmbeddedFormat.Avro or EmbeddedFormat.JsonSchema or EmbeddedFormat.Protobuf;

    /// <summary>The format's name in kafka-rest's media types (<c>application/vnd.kafka.avro.v2+json</c>).</summary>
    public static string MediaName(this EmbeddedFormat format) => format.ToString().ToLowerInvariant();
}
