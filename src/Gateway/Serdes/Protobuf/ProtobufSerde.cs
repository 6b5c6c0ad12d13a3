using Gateway.Registry.Formats;

namespace Gateway.Serdes;

internal sealed class ProtobufSerde : ISchemaSerde
{
    public SchemaType Type => SchemaType.Protobuf;

    public bool FromJson(ParsedSchema schema, ReadOnlyMemory<byte> json, PayloadWriter output, ViolationSink violations, string? messageType = null) =>
        throw new NotImplementedException();

    public (byte[]? Json, WireProblem? Problem) ToJson(ParsedSchema schema, ReadOnlySpan<byte> payload) => throw new NotImplementedException();
}
