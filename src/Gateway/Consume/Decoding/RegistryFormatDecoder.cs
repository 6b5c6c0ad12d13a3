namespace Gateway.Consume.Decoding;

/// <summary>
/// The stand-in for avro, jsonschema and protobuf until a schema registry decoder is registered: like
/// kafka-rest without a reachable registry, an instance can be created and read from, and every record it
/// meets is a 408 / 40801 naming the record.
/// </summary>
internal sealed class RegistryFormatDecoder(RecordFormat format) : IRecordDecoder
{
    public RecordFormat Format => format;

    public DecodedValue Decode(string topic, byte[] data) =>
        DecodedValue.Failed($"the {format.Name()} format needs a schema registry to decode records, and this gateway has none configured yet");
}
