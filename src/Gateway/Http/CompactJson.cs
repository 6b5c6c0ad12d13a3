using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Gateway.Http;

/// <summary>
/// Re-writes one JSON value as compact UTF-8 JSON, the bytes kafka-rest's Jackson serializer stores:
/// no insignificant whitespace, members in the order received, number text as written, non-ASCII as raw
/// UTF-8, and only <c>"</c>, <c>\</c> and control characters escaped.
/// </summary>
internal static class CompactJson
{
    /// <summary>Longest number text accepted, as Jackson's default read constraints in kafka-rest.</summary>
    public const int MaxNumberLength = 1000;

    private static readonly byte[] HexDigits = "0123456789ABCDEF"u8.ToArray();

    /// <summary>
    /// Writes the value whose first token the reader is on; leaves the reader on the value's last token.
    /// </summary>
    /// <exception cref="JsonException">The value is not well-formed JSON or not valid UTF-8.</exception>
    public static void Write(ref Utf8JsonReader reader, IBufferWriter<byte> output)
    {
        var startDepth = reader.CurrentDepth;
        var needsComma = false;
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    WriteSeparated(output, (byte)'{', needsComma);
                    needsComma = false;
                    break;
                case JsonTokenType.StartArray:
                    WriteSeparated(output, (byte)'[', needsComma);
                    needsComma = false;
                    break;
                case JsonTokenType.EndObject:
                    WriteByte(output, (byte)'}');
                    needsComma = true;
                    break;
                case JsonTokenType.EndArray:
                    WriteByte(output, (byte)']');
                    needsComma = true;
                    break;
                case JsonTokenType.PropertyName:
                    if (needsComma)
                    {
                        WriteByte(output, (byte)',');
                    }

                    WriteString(ref reader, output);
                    WriteByte(output, (byte)':');
                    needsComma = false;
                    break;
                case JsonTokenType.String:
                    if (needsComma)
                    {
                        WriteByte(output, (byte)',');
                    }

                    WriteString(ref reader, output);
                    needsComma = true;
                    break;
                default:
                    // Numbers keep their text; true, false and null are their own text.
                    if (reader.TokenType == JsonTokenType.Number && reader.ValueSpan.Length > MaxNumberLength)
                    {
                        throw new JsonException($"A number has more than {MaxNumberLength} characters.");
                    }

                    if (needsComma)
                    {
                        WriteByte(output, (byte)',');
                    }

                    output.Write(reader.ValueSpan);
                    needsComma = true;
                    break;
            }

            if (reader.CurrentDepth == startDepth
                && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName))
            {
                return;
            }

            reader.Read();
        }
    }

    private static void WriteString(ref Utf8JsonReader reader, IBufferWriter<byte> output)
    {
        ReadOnlySpan<byte> text;
        byte[]? rented = null;
        if (reader.ValueIsEscaped)
        {
            rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
            int written;
            try
            {
                written = reader.CopyString(rented);
            }
            catch (InvalidOperationException e)
            {
                ArrayPool<byte>.Shared.Return(rented);
                throw new JsonException($"A string holds an escape that is not valid Unicode: {e.Message}", e);
            }

            text = rented.AsSpan(0, written);
        }
        else
        {
            text = reader.ValueSpan;
        }

        try
        {
            if (!Utf8.IsValid(text))
            {
                throw new JsonException("A string is not valid UTF-8.");
            }

            WriteEscaped(text, output);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes valid UTF-8 text as a JSON string, quoted and escaped as <see cref="Write"/> writes strings.</summary>
    public static void WriteEscaped(ReadOnlySpan<byte> text, IBufferWriter<byte> output)
    {
        WriteByte(output, (byte)'"');
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (b >= 0x20 && b != '"' && b != '\\')
            {
                continue;
            }

            output.Write(text[start..i]);
            WriteEscape(b, output);
            start = i + 1;
        }

        output.Write(text[start..]);
        WriteByte(output, (byte)'"');
    }

    private static void WriteEscape(byte b, IBufferWriter<byte> output)
    {
        var shortForm = b switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'\n' => (byte)'n',
            (byte)'\r' => (byte)'r',
            (byte)'\t' => (byte)'t',
            (byte)'\b' => (byte)'b',
            (byte)'\f' => (byte)'f',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            output.Write([(byte)'\\', shortForm]);
            return;
        }

        output.Write([(byte)'\\', (byte)'u', (byte)'0', (byte)'0', HexDigits[b >> 4], HexDigits[b & 0xF]]);
    }

    private static void WriteSeparated(IBufferWriter<byte> output, byte b, bool needsComma)
    {
        if (needsComma)
        {
            WriteByte(output, (byte)',');
        }

        WriteByte(output, b);
    }

    private static void WriteByte(IBufferWriter<byte> output, byte b)
    {
        var span = output.GetSpan(1);
        span[0] = b;
        output.Advance(1);
    }
}
