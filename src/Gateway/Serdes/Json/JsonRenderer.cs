using System.Buffers;
using System.Text.Json;

namespace Gateway.Serdes;

/// <summary>
/// Re-writes stored JSON as kafka-rest's consumer answers it: Jackson reads it into a tree and writes it compact,
/// so whole numbers keep their digits while a number with a fraction or exponent is read as a double and written
/// as Java prints doubles ("1.50" becomes 1.5, "1e2" becomes 100.0).
/// </summary>
internal static class JsonRenderer
{
    /// <exception cref="JsonException">The bytes are not one JSON value.</exception>
    public static void Render(ReadOnlySpan<byte> json, JsonOutput output)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read())
        {
            throw new JsonException("the payload is empty");
        }

        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    output.StartObject();
                    break;
                case JsonTokenType.EndObject:
                    output.EndObject();
                    break;
                case JsonTokenType.StartArray:
                    output.StartArray();
                    break;
                case JsonTokenType.EndArray:
                    output.EndArray();
                    break;
                case JsonTokenType.PropertyName:
                    Text(ref reader, output, name: true);
                    break;
                case JsonTokenType.String:
                    Text(ref reader, output, name: false);
                    break;
                case JsonTokenType.Number:
                    Number(ref reader, output);
                    break;
                case JsonTokenType.True:
                    output.Boolean(true);
                    break;
                case JsonTokenType.False:
                    output.Boolean(false);
                    break;
                case JsonTokenType.Null:
                    output.Null();
                    break;
            }

            if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                break;
            }

            reader.Read();
        }

        if (reader.Read())
        {
            throw new JsonException("the payload holds more than one JSON value");
        }
    }

    private static void Number(ref Utf8JsonReader reader, JsonOutput output)
    {
        var text = reader.ValueSpan;
        if (text.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            if (reader.TryGetInt64(out var integer))
            {
                output.Number(integer);
            }
            else
            {
                output.Raw(text);
            }

            return;
        }

        output.Double(reader.GetDouble());
    }

    private static void Text(ref Utf8JsonReader reader, JsonOutput output, bool name)
    {
        byte[]? rented = null;
        var text = reader.ValueSpan;
        if (reader.ValueIsEscaped)
        {
            rented = ArrayPool<byte>.Shared.Rent(text.Length);
            text = rented.AsSpan(0, reader.CopyString(rented));
        }

        if (name)
        {
            output.Name(text);
        }
        else
        {
            output.String(text);
        }

        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
