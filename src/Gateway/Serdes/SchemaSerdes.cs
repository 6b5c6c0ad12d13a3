using Gateway.Registry.Formats;

namespace Gateway.Serdes;

/// <summary>The serde of each <see cref="SchemaType"/>, and whole records in Confluent's wire format.</summary>
internal static class SchemaSerdes
{
    private static readonly ISchemaSerde AvroSerde = new AvroSerde();
    private static readonly ISchemaSerde JsonSerde = new JsonSchemaSerde();
    private static readonly ISchemaSerde ProtobufSerde = new ProtobufSerde();

    [ThreadStatic]
    private static PayloadWriter? t_output;

    public static ISchemaSerde For(SchemaType type) => type switch
    {
        SchemaType.Avro => AvroSerde,
        SchemaType.Json => JsonSerde,
        SchemaType.Protobuf => ProtobufSerde,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>
    /// The record Kafka stores for <paramref name="json"/> under schema <paramref name="schemaId"/>: header and payload,
    /// byte for byte what Confluent's serializer writes; null when the value has violations (in <paramref name="violations"/>).
    /// </summary>
    public static byte[]? Serialize(
        int schemaId, ParsedSchema schema, ReadOnlyMemory<byte> json, ViolationSink violations, string? messageType = null)
    {
        var output = t_output ??= new PayloadWriter(1024);
        output.Clear();
        ConfluentWire.WriteHeader(output, schemaId);
        var written = For(schema.Type).FromJson(schema, json, output, violations, messageType);
        var record = written ? output.ToArray() : null;
        if (output.Length > 1 << 20)
        {
            // A rare huge record should not pin its buffer to the thread.
            t_output = null;
        }

        return record;
    }

    /// <summary>The schema id a framed record names, or why the bytes are not in Confluent's wire format.</summary>
    public static WireProblem? TryReadSchemaId(ReadOnlySpan<byte> record, out int schemaId) =>
        ConfluentWire.TryReadHeader(record, out schemaId, out _);

    /// <summary>Renders a framed record whose schema (looked up by <see cref="TryReadSchemaId"/>'s id) is <paramref name="schema"/>.</summary>
    public static (byte[]? Json, WireProblem? Problem) Deserialize(ReadOnlySpan<byte> record, ParsedSchema schema)
    {
        if (ConfluentWire.TryReadHeader(record, out _, out var offset) is { } problem)
        {
            return (null, problem);
        }

        return For(schema.Type).ToJson(schema, record[offset..]);
    }
}
