using Gateway.Registry.Formats;

namespace Gateway.Serdes;

/// <summary>
/// One schema format's conversion between a value as kafka-rest's JSON carries it and the payload Confluent's
/// serializers write after the 5-byte header (<see cref="ConfluentWire"/>): the Avro binary encoding, compact
/// UTF-8 JSON, or the Protobuf message-index path followed by the message. Per-schema state is compiled once
/// and cached by <see cref="ParsedSchema"/> instance; implementations are thread-safe.
/// </summary>
internal interface ISchemaSerde
{
    SchemaType Type { get; }

    /// <summary>
    /// Appends the payload for <paramref name="json"/> (one JSON value) to <paramref name="output"/>. Every way the
    /// value fails the schema goes to <paramref name="violations"/> (up to its limit) with a JSON Pointer into the
    /// value; then the result is false and what was appended is to be discarded. <paramref name="messageType"/> names
    /// the Protobuf message type by full name (default: the schema's first); other formats ignore it.
    /// </summary>
    bool FromJson(ParsedSchema schema, ReadOnlyMemory<byte> json, PayloadWriter output, ViolationSink violations, string? messageType = null);

    /// <summary>
    /// Renders a payload (what follows the 5-byte header) as kafka-rest's consumer renders it: compact UTF-8 JSON, or
    /// why the bytes are not data of this schema.
    /// </summary>
    (byte[]? Json, WireProblem? Problem) ToJson(ParsedSchema schema, ReadOnlySpan<byte> payload);
}
