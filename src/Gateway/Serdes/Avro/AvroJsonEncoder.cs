using System.Buffers;
using System.Text.Json;

namespace Gateway.Serdes;

/// <summary>
/// Writes a JSON value as Avro's binary encoding, reporting every way it fails the schema. Input is Avro's JSON
/// encoding as kafka-rest reads it (tagged unions, bytes and fixed as ISO-8859-1 strings, enums as symbols) and,
/// beside it, a plain value for a union when exactly one branch fits it (see <see cref="WriteUnion"/>) and an
/// omitted field that has a default. One encoder serves one thread.
/// </summary>
internal sealed class AvroJsonEncoder
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

    private void WriteArray(AvroNode node, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Mismatch(node, value);
            return;
        }

        var count = value.GetArrayLength();
        if (count > 0)
        {
            _output.WriteZigZag(count);
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                _path.Push(index++);
                Write(node.Items!, item);
                _path.Pop();
                if (Stopped)
                {
                    return;
                }
            }
        }

        _output.WriteByte(0);
    }

    private void WriteMap(AvroNode node, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Mismatch(node, value);
            return;
        }

        var count = 0;
        foreach (var _ in value.EnumerateObject())
        {
            count++;
        }

        if (count > 0)
        {
            _output.WriteZigZag(count);
            foreach (var entry in value.EnumerateObject())
            {
                var key = JsonStrings.Utf8Name(entry, out var rented);
                _output.WriteZigZag(key.Length);
                _output.Write(key);
                JsonStrings.Return(rented);
                _path.Push(entry.Name);
                Write(node.Items!, entry.Value);
                _path.Pop();
                if (Stopped)
                {
                    return;
                }
            }
        }

        _output.WriteByte(0);
    }

    private void WriteRecord(AvroNode node, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Mismatch(node, value);
            return;
        }

        var fields = node.Fields;
        var slots = ArrayPool<JsonElement>.Shared.Rent(fields.Length);
        Span<bool> present = fields.Length <= 128 ? stackalloc bool[fields.Length] : new bool[fields.Length];
        try
        {
            var next = 0;
            foreach (var property in value.EnumerateObject())
            {
                var index = FieldIndex(fields, property, next);
                if (index < 0)
                {
                    Fail(_path.Pointer(property.Name), "unknown", $"record {node.Label} has no field '{property.Name}'");
                    continue;
                }

                if (present[index])
                {
                    Fail(_path.Pointer(property.Name), "duplicate", $"field '{property.Name}' appears more than once");
                    continue;
                }

                present[index] = true;
                slots[index] = property.Value;
                next = index + 1;
            }

            for (var i = 0; i < fields.Length && !Stopped; i++)
            {
                var field = fields[i];
                if (present[i])
                {
                    _path.Push(field.Name);
                    Write(field.Type, slots[i]);
                    _path.Pop();
                }
                else if (field.DefaultBinary is { } fallback)
                {
                    _output.Write(fallback);
                }
                else
                {
                    Fail("required", $"field '{field.Name}' is missing and has no default");
                }
            }
        }
        finally
        {
            ArrayPool<JsonElement>.Shared.Return(slots, clearArray: true);
        }
    }

    private static int FieldIndex(AvroField[] fields, JsonProperty property, int expected)
    {
        if (expected < fields.Length && property.NameEquals(fields[expected].NameUtf8))
        {
            return expected;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (i != expected && property.NameEquals(fields[i].NameUtf8))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// A union's value: null for the null branch; an object of one member named for a branch (its full name, or its
    /// name without namespace where no other branch has it) is that branch, tagged, as kafka-rest reads it; any other
    /// value is plain, and is accepted when exactly one branch fits it whole (the branches of its JSON type are tried,
    /// nested values included). A plain value that fits several branches ("5" for int and long) is refused as
    /// ambiguous, naming them.
    /// </summary>
    private void WriteUnion(AvroNode node, JsonElement value)
    {
        var branches = node.Branches;
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (node.NullBranch >= 0)
            {
                _output.WriteZigZag(node.NullBranch);
            }
            else
            {
                Mismatch(node, value);
            }

            return;
        }

        if (_defaults)
        {
            _output.WriteByte(0);
            Write(branches[0], value);
            return;
        }

        if (value.ValueKind == JsonValueKind.Object && TaggedBranch(branches, value, out var tagged, out var label, out var inner))
        {
            _output.WriteZigZag(tagged);
            _path.Push(label);
            Write(branches[tagged], inner);
            _path.Pop();
            return;
        }

        var candidates = 0;
        var first = -1;
        for (var i = 0; i < branches.Length; i++)
        {
            if (Holds(branches[i].Kind, value.ValueKind))
            {
                candidates++;
                first = first < 0 ? i : first;
            }
        }

        if (candidates == 0)
        {
            Mismatch(node, value);
            return;
        }

        if (candidates > 1)
        {
            var fitting = new List<int>(2);
            for (var i = first; i < branches.Length; i++)
            {
                if (Holds(branches[i].Kind, value.ValueKind) && Fits(branches[i], value))
                {
                    fitting.Add(i);
                }
            }

            if (fitting.Count != 1)
            {
                var named = string.Join(", ", (fitting.Count == 0 ? Enumerable.Range(first, branches.Length - first)
                    .Where(i => Holds(branches[i].Kind, value.ValueKind)) : fitting).Select(i => branches[i].Label));
                Fail("union", fitting.Count == 0
                    ? $"fits none of the union's branches of its JSON type ({named}); tag it, e.g. {{\"{branches[first].Label}\": ...}}"
                    : $"is ambiguous: it fits the union's branches {named}; tag it, e.g. {{\"{branches[fitting[0]].Label}\": ...}}");
                return;
            }

            first = fitting[0];
        }

        _output.WriteZigZag(first);
        Write(branches[first], value);
    }

    private static bool TaggedBranch(AvroNode[] branches, JsonElement value, out int branch, out string label, out JsonElement inner)
    {
        branch = -1;
        label = "";
        inner = default;
        using var members = value.EnumerateObject();
        if (!members.MoveNext())
        {
            return false;
        }

        var member = members.Current;
        if (members.MoveNext())
        {
            return false;
        }

        for (var i = 0; i < branches.Length; i++)
        {
            if (member.NameEquals(branches[i].LabelUtf8))
            {
                branch = i;
                break;
            }
        }

        if (branch < 0)
        {
            for (var i = 0; i < branches.Length; i++)
            {
                if (branches[i].ShortName != branches[i].Label && member.NameEquals(branches[i].ShortName))
                {
                    if (branch >= 0)
                    {
                        return false;
                    }

                    branch = i;
                }
            }
        }

        if (branch < 0)
        {
            return false;
        }

        label = member.Name;
        inner = member.Value;
        return true;
    }

    // Which branches a plain value of a JSON type can be meant for.
    private static bool Holds(AvroKind kind, JsonValueKind json) => kind switch
    {
        AvroKind.Boolean => json is JsonValueKind.True or JsonValueKind.False,
        AvroKind.Int or AvroKind.Long or AvroKind.Float or AvroKind.Double => json == JsonValueKind.Number,
        AvroKind.String or AvroKind.Bytes or AvroKind.Fixed or AvroKind.Enum => json == JsonValueKind.String,
        AvroKind.Array => json == JsonValueKind.Array,
        AvroKind.Map or AvroKind.Record => json == JsonValueKind.Object,
        AvroKind.Union => true,
        _ => false,
    };

    // Tries a branch without reporting or keeping anything.
    private bool Fits(AvroNode branch, JsonElement value)
    {
        var length = _output.Length;
        var failed = _failed;
        _failed = false;
        _probing++;
        Write(branch, value);
        _probing--;
        var fits = !_failed;
        _failed = failed;
        _output.Truncate(length);
        return fits;
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
