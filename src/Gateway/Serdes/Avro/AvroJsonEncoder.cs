using System.Text.Json;

namespace Gateway.Serdes;

/// <summary>
/// Writes a JSON value as Avro's binary encoding, reporting every way it fails the schema. Input is Avro's JSON
/// encoding as kafka-rest reads it (tagged unions, bytes and fixed as ISO-8859-1 strings, enums as symbols) and,
/// beside it, a plain value for a union when exactly one branch fits it (see <see cref="WriteUnion"/>) and an
/// omitted field that has a default. One encoder serves one thread.
/// </summary>
internal sealed partial class AvroJsonEncoder
{
    private readonly PointerPath _path = new();
    private PayloadWriter _output = null!;
    private ViolationSink? _sink;
    private bool _defaults;
    private bool _failed;
    private int _probing;

    /// <summary>
    /// Appends the encoding of <paramref name="value"/>; false when it has violations. With <paramref name="defaults"/>
    /// the value is a field default from the schema, where a union's value is its first branch's, untagged.
    /// </summary>
    public bool Encode(AvroNode node, JsonElement value, PayloadWriter output, ViolationSink? sink, bool defaults)
    {
        _path.Clear();
        _output = output;
        _sink = sink;
        _defaults = defaults;
        _failed = false;
        _probing = 0;
        Write(node, value);
        return !_failed;
    }

    private bool Stopped => _failed && _probing == 0 && _sink is { Full: true };

    private void Write(AvroNode node, JsonElement value)
    {
        switch (node.Kind)
        {
            case AvroKind.Null:
                if (value.ValueKind != JsonValueKind.Null)
                {
                    Mismatch(node, value);
                }

                return;
            case AvroKind.Boolean:
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    _output.WriteByte(value.ValueKind == JsonValueKind.True ? (byte)1 : (byte)0);
                }
                else
                {
                    Mismatch(node, value);
                }

                return;
            case AvroKind.Int:
                WriteInteger(node, value, int.MinValue, int.MaxValue);
                return;
            case AvroKind.Long:
                WriteInteger(node, value, long.MinValue, long.MaxValue);
                return;
            case AvroKind.Float:
                if (ReadDouble(node, value) is { } single)
                {
                    _output.WriteUInt32LittleEndian(BitConverter.SingleToUInt32Bits((float)single));
                }

                return;
            case AvroKind.Double:
                if (ReadDouble(node, value) is { } number)
                {
                    _output.WriteUInt64LittleEndian(BitConverter.DoubleToUInt64Bits(number));
                }

                return;
            case AvroKind.String:
                WriteString(node, value);
                return;
            case AvroKind.Bytes:
            case AvroKind.Fixed:
                WriteBytes(node, value);
                return;
            case AvroKind.Enum:
                WriteEnum(node, value);
                return;
            case AvroKind.Array:
                WriteArray(node, value);
                return;
            case AvroKind.Map:
                WriteMap(node, value);
                return;
            case AvroKind.Record:
                WriteRecord(node, value);
                return;
            case AvroKind.Union:
                WriteUnion(node, value);
                return;
        }
    }

    private void WriteInteger(AvroNode node, JsonElement value, long min, long max)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            Mismatch(node, value);
            return;
        }

        long integer;
        if (!value.TryGetInt64(out integer))
        {
            // As Avro's Java JSON decoder, a number written with a fraction or exponent is accepted when it is whole.
            if (!value.TryGetDouble(out var number) || number != Math.Floor(number) || number < min || number > max)
            {
                Fail("type", $"expected {node.Label}, found {RawText(value)}");
                return;
            }

            integer = (long)number;
        }

        if (integer < min || integer > max)
        {
            Fail("type", $"expected {node.Label}, {RawText(value)} is out of its range");
            return;
        }

        _output.WriteZigZag(integer);
    }

    private double? ReadDouble(AvroNode node, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            if (value.ValueEquals("NaN"u8))
            {
                return double.NaN;
            }

            if (value.ValueEquals("Infinity"u8))
            {
                return double.PositiveInfinity;
            }

            if (value.ValueEquals("-Infinity"u8))
            {
                return double.NegativeInfinity;
            }
        }

        Mismatch(node, value);
        return null;
    }

    private void WriteString(AvroNode node, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Mismatch(node, value);
            return;
        }

        var text = JsonStrings.Utf8(value, out var rented);
        _output.WriteZigZag(text.Length);
        _output.Write(text);
        JsonStrings.Return(rented);
    }

    private void WriteBytes(AvroNode node, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Mismatch(node, value);
            return;
        }

        var text = value.GetString()!;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0xFF)
            {
                Fail("type", $"{node.Label} is a string of characters U+0000 to U+00FF, one per byte; found U+{(int)text[i]:X4} at character {i}");
                return;
            }
        }

        if (node.Kind == AvroKind.Fixed)
        {
            if (text.Length != node.Size)
            {
                Fail("size", $"expected {node.Size} bytes for fixed {node.Label}, found {text.Length}");
                return;
            }
        }
        else
        {
            _output.WriteZigZag(text.Length);
        }

        var bytes = text.Length <= 512 ? stackalloc byte[text.Length] : new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = (byte)text[i];
        }

        _output.Write(bytes);
    }

    private void WriteEnum(AvroNode node, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Mismatch(node, value);
            return;
        }

        var symbols = node.SymbolsUtf8;
        for (var i = 0; i < symbols.Length; i++)
        {
            if (value.ValueEquals(symbols[i]))
            {
                _output.WriteZigZag(i);
                return;
            }
        }

        Fail("enum", $"'{value.GetString()}' is not a symbol of enum {node.Label}: {string.Join(", ", node.Symbols)}");
    }

    private void Mismatch(AvroNode node, JsonElement value) =>
        Fail("type", $"expected {node.Description}, found {JsonStrings.KindName(value)}");

    private void Fail(string keyword, string message) => Fail(null, keyword, message);

    private void Fail(string? pointer, string keyword, string message)
    {
        _failed = true;
        if (_probing == 0)
        {
            _sink?.Add(pointer ?? _path.Pointer(), keyword, message);
        }
    }

    private static string RawText(JsonElement value) => value.GetRawText();
}
