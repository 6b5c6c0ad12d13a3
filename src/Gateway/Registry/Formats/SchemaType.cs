namespace Gateway.Registry.Formats;

/// <summary>The schema formats the registry serves; on the wire "AVRO", "JSON" and "PROTOBUF".</summary>
internal enum SchemaType
{
    Avro,
    Json,
    Protobuf,
}

/// <summary>The wire names of <see cref="SchemaType"/>, as the registry API spells them.</summary>
internal static class SchemaTypes
{
    /// <summary>
    /// Reads a request's <c>schemaType</c>: case-insensitive, and an absent or empty value means AVRO, as in
    /// Confluent's registry. False for a name that is no format.
    /// </summary>
    public static bool TryParse(string? wireName, out SchemaType type)
    {
        type = SchemaType.Avro;
        if (string.IsNullOrEmpty(wireName))
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<SchemaType>())
        {
            if (string.Equals(ToWireName(candidate), wireName, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        return false;
    }

    public static string ToWireName(this SchemaType type) => type switch
    {
        SchemaType.Avro => "AVRO",
        SchemaType.Json => "JSON",
        SchemaType.Protobuf => "PROTOBUF",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>kafka-rest's name of the format writing under this type (its <c>EmbeddedFormat</c>), as its messages show it.</summary>
    public static string ToFormatName(this SchemaType type) => type switch
    {
        SchemaType.Avro => "AVRO",
        SchemaType.Json => "JSONSCHEMA",
        _ => "PROTOBUF",
    };
}
