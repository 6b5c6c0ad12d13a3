using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Gateway.Http;

namespace Gateway.Consume.Decoding;

/// <summary>
/// kafka-rest's json format: the stored bytes must be one JSON value, shown as compact JSON. Bytes the
/// gateway's producer stored are compact already and are shown as they are, after one checking pass;
/// anything else is re-written compactly (numbers as written), as kafka-rest's Jackson would print it.
/// </summary>
internal sealed class JsonDecoder : IRecordDecoder
{
    /// <summary>Jackson's default nesting limit, which kafka-rest reads with.</summary>
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 1_000 };

    public RecordFormat Format => RecordFormat.Json;

    public DecodedValue Decode(string topic, byte[] data)
    {
        try
        {
            return IsCompactJson(data) ? DecodedValue.Of(data) : Compacted(data);
        }
        catch (JsonException e)
        {
            return DecodedValue.Failed($"the bytes are not JSON: {e.Message}");
        }
    }

    /// <summary>
    /// True when the bytes are exactly one JSON value that <see cref="CompactJson"/> would leave unchanged:
    /// nothing between tokens but single separators, no escapes to re-write, valid UTF-8.
    /// </summary>
    /// <exception cref="JsonException">The bytes are not well-formed JSON.</exception>
    private static bool IsCompactJson(byte[] data)
    {
        var reader = new Utf8JsonReader(data, ReaderOptions);
        long end = 0;
        while (reader.Read())
        {
            var gap = reader.TokenStartIndex - end;
            if (gap > 1 || (gap == 1 && data[end] is not ((byte)',' or (byte)':')) || (end == 0 && gap != 0))
            {
                return false;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.String or JsonTokenType.PropertyName when reader.ValueIsEscaped || !Utf8.IsValid(reader.ValueSpan):
                case JsonTokenType.Number when reader.ValueSpan.Length > CompactJson.MaxNumberLength:
                    return false;
            }

            end = reader.BytesConsumed;
            if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                break;
            }
        }

        return end > 0 && end == data.Length;
    }

    private static DecodedValue Compacted(byte[] data)
    {
        var reader = new Utf8JsonReader(data, ReaderOptions);
        var output = new ArrayBufferWriter<byte>(data.Length);
        if (!reader.Read())
        {
            return DecodedValue.Failed("the bytes are empty, not a JSON value");
        }

        CompactJson.Write(ref reader, output);
        return reader.Read()
            ? DecodedValue.Failed("there is more after the first JSON value")
            : DecodedValue.Of(output.WrittenSpan.ToArray());
    }
}
