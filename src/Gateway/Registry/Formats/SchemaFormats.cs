namespace Gateway.Registry.Formats;

/// <summary>The format for each <see cref="SchemaType"/>; the formats keep no state, so one of each serves all.</summary>
internal static class SchemaFormats
{
    private static readonly ISchemaFormat AvroFormat = new AvroFormat();
    private static readonly ISchemaFormat JsonFormat = new JsonSchemaFormat();
    private static readonly ISchemaFormat ProtobufFormat = new ProtobufFormat();

    public static ISchemaFormat For(SchemaType type) => type switch
    {
        SchemaType.Avro => AvroFormat,
        SchemaType.Json => JsonFormat,
        SchemaType.Protobuf => ProtobufFormat,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
