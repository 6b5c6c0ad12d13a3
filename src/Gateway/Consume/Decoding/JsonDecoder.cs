using System.Buffers;
using System.Text.Json;
using Gateway.Http;

namespace Gateway.Consume.Decoding;

/// <summary>
/// kafka-rest's json format: the stored bytes must be one JSON value, shown as compact JSON (the bytes
/// the gateway's producer stored, unchanged; anything else re-written compactly, numbers as written).
/// </summary>
internal sealed class JsonDecoder : IRecordDecoder
{
    /// <summary>Jackson's default nesting limit, which kafka-rest reads with.</summary>
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 1_000 };

    public RecordFormat Format => RecordFormat.Json;

    public DecodedValue Decode(string topic, byte[] data)
    {
        var reader = new Utf8JsonReader(data, ReaderOptions);
        var output = new ArrayBufferWriter<byte>(data.Length);
        try
        {
            if (!reader.Read())
            {
                return DecodedValue.Failed("the bytes are empty, not a JSON value");
            }

            CompactJson.Write(ref reader, output);
            if (reader.Read())
            {
                return DecodedValue.Failed("there is more after the first JSON value");
            }
        }
        catch (JsonException e)
        {
            return DecodedValue.Failed($"the bytes are not JSON: {e.Message}");
        }

        return DecodedValue.Of(output.WrittenSpan.ToArray());
    }
}
