using System.Buffers.Text;

namespace Gateway.Consume.Decoding;

/// <summary>kafka-rest's binary format: the bytes as a base64 string.</summary>
internal sealed class BinaryDecoder : IRecordDecoder
{
    public RecordFormat Format => RecordFormat.Binary;

    public DecodedValue Decode(string topic, byte[] data)
    {
        var json = new byte[Base64.GetMaxEncodedToUtf8Length(data.Length) + 2];
        json[0] = (byte)'"';
        Base64.EncodeToUtf8(data, json.AsSpan(1), out _, out var written);
        json[written + 1] = (byte)'"';
        return DecodedValue.Of(json);
    }
}
