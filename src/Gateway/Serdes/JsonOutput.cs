using System.Globalization;
using System.Text;
using Gateway.Http;

namespace Gateway.Serdes;

/// <summary>
/// Writes compact JSON the way kafka-rest's Jackson writer renders a consumed record: no whitespace, non-ASCII
/// as raw UTF-8, only <c>"</c>, <c>\</c> and control characters escaped (<see cref="CompactJson"/>'s rules).
/// The caller writes a well-formed sequence; commas are placed here.
/// </summary>
internal sealed class JsonOutput(PayloadWriter output)
{
    private readonly Stack<bool> _first = new();
    private bool _afterName;

    public PayloadWriter Buffer => output;

    public void StartObject()
    {
        Separate();
        output.WriteByte((byte)'{');
        _first.Push(true);
    }

    public void EndObject()
    {
        _first.Pop();
        output.WriteByte((byte)'}');
    }

    public void StartArray()
    {
        Separate();
        output.WriteByte((byte)'[');
        _first.Push(true);
    }

    public void EndArray()
    {
        _first.Pop();
        output.WriteByte((byte)']');
    }

    public void Name(ReadOnlySpan<byte> utf8)
    {
        Separate();
        CompactJson.WriteEscaped(utf8, output);
        output.WriteByte((byte)':');
        _afterName = true;
    }

    public void Name(string name) => Name(Encoding.UTF8.GetBytes(name));

    public void String(ReadOnlySpan<byte> utf8)
    {
        Separate();
        CompactJson.WriteEscaped(utf8, output);
    }

    public void String(string text) => String(Encoding.UTF8.GetBytes(text));

    /// <summary>Bytes as a string of the characters U+0000 to U+00FF, Avro's JSON encoding of bytes and fixed.</summary>
    public void Latin1String(ReadOnlySpan<byte> bytes)
    {
        Span<byte> utf8 = bytes.Length <= 256 ? stackalloc byte[bytes.Length * 2] : new byte[bytes.Length * 2];
        var length = 0;
        foreach (var b in bytes)
        {
            if (b < 0x80)
            {
                utf8[length++] = b;
            }
            else
            {
                utf8[length++] = (byte)(0xC0 | (b >> 6));
                utf8[length++] = (byte)(0x80 | (b & 0x3F));
            }
        }

        String(utf8[..length]);
    }

    public void Raw(ReadOnlySpan<byte> json)
    {
        Separate();
        output.Write(json);
    }

    public void Null() => Raw("null"u8);

    public void Boolean(bool value) => Raw(value ? "true"u8 : "false"u8);

    public void Number(long value)
    {
        Span<byte> text = stackalloc byte[24];
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        Raw(text[..written]);
    }

    public void Number(ulong value)
    {
        Span<byte> text = stackalloc byte[24];
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        Raw(text[..written]);
    }

    /// <summary>A double as Java's <c>Double.toString</c> writes it; NaN and the infinities as strings, as Jackson quotes them.</summary>
    public void Double(double value)
    {
        if (double.IsFinite(value))
        {
            Raw(Encoding.ASCII.GetBytes(JavaNumbers.DoubleText(value)));
        }
        else
        {
            String(JavaNumbers.NonFiniteText(value));
        }
    }

    /// <summary>A float as Java's <c>Float.toString</c> writes it.</summary>
    public void Float(float value)
    {
        if (float.IsFinite(value))
        {
            Raw(Encoding.ASCII.GetBytes(JavaNumbers.FloatText(value)));
        }
        else
        {
            String(JavaNumbers.NonFiniteText(value));
        }
    }

    private void Separate()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_first.Count > 0)
        {
            if (_first.Peek())
            {
                _first.Pop();
                _first.Push(false);
            }
            else
            {
                output.WriteByte((byte)',');
            }
        }
    }
}
