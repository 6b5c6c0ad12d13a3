using System.Text;
using System.Text.Json;
using Kind = Google.Protobuf.Reflection.FieldDescriptorProto.Type;

namespace Gateway.Serdes;

internal sealed partial class ProtoJsonEncoder
{
    /// <summary>Writes a scalar's value (no tag); true when it is the type's default, which proto3 leaves out.</summary>
    private bool WriteScalar(ProtoField field, JsonElement value)
    {
        switch (field.Type)
        {
            case Kind.TypeBool:
                var flag = value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String when value.ValueEquals("true"u8) => true,
                    JsonValueKind.String when value.ValueEquals("false"u8) => false,
                    _ => (bool?)null,
                };
                if (flag is not { } b)
                {
                    Mismatch("a boolean", value);
                    return false;
                }

                _output.WriteByte(b ? (byte)1 : (byte)0);
                return !b;
            case Kind.TypeFloat:
            case Kind.TypeDouble:
                if (!ProtoScalars.TryFloating(value, out var number))
                {
                    Mismatch(field.Type == Kind.TypeFloat ? "a float" : "a double", value);
                    return false;
                }

                if (field.Type == Kind.TypeFloat)
                {
                    if (double.IsFinite(number) && Math.Abs(number) > float.MaxValue * (1 + 1e-6))
                    {
                        Fail("type", $"{value.GetRawText()} is out of range for a float");
                        return false;
                    }

                    var bits = BitConverter.SingleToUInt32Bits((float)number);
                    _output.WriteUInt32LittleEndian(bits);
                    return bits == 0;
                }

                var doubleBits = BitConverter.DoubleToUInt64Bits(number);
                _output.WriteUInt64LittleEndian(doubleBits);
                return doubleBits == 0;
            case Kind.TypeString:
                if (value.ValueKind != JsonValueKind.String)
                {
                    Mismatch("a string", value);
                    return false;
                }

                var text = JsonStrings.Utf8(value, out var rented);
                _output.WriteVarint((ulong)text.Length);
                _output.Write(text);
                JsonStrings.Return(rented);
                return text.Length == 0;
            case Kind.TypeBytes:
                if (value.ValueKind != JsonValueKind.String || ProtoScalars.FromBase64(value.GetString()!) is not { } bytes)
                {
                    Mismatch("bytes in base64", value);
                    return false;
                }

                _output.WriteVarint((ulong)bytes.Length);
                _output.Write(bytes);
                return bytes.Length == 0;
            case Kind.TypeEnum:
                if (value.ValueKind == JsonValueKind.Null)
                {
                    _output.WriteByte(0);
                    return true;
                }

                if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    Mismatch($"a name or number of enum {field.Enum!.FullName}", value);
                    return false;
                }

                var raw = value.ValueKind == JsonValueKind.String ? JsonStrings.Utf8(value, out var enumRented) : RawNumber(value, out enumRented);
                var isDefault = WriteScalarText(field, raw, value.ValueKind == JsonValueKind.String);
                JsonStrings.Return(enumRented);
                return isDefault;
            default:
                if (value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
                {
                    Mismatch(IntegerName(field.Type), value);
                    return false;
                }

                var digits = value.ValueKind == JsonValueKind.String ? JsonStrings.Utf8(value, out var numberRented) : RawNumber(value, out numberRented);
                var zero = WriteScalarText(field, digits, isString: false);
                JsonStrings.Return(numberRented);
                return zero;
        }
    }

    /// <summary>Writes an integer, enum, bool or string scalar given as text (a map key, a string or a number's digits).</summary>
    private bool WriteScalarText(ProtoField field, ReadOnlySpan<byte> text, bool isString)
    {
        switch (field.Type)
        {
            case Kind.TypeString:
                _output.WriteVarint((ulong)text.Length);
                _output.Write(text);
                return text.Length == 0;
            case Kind.TypeBool:
                if (text.SequenceEqual("true"u8) || text.SequenceEqual("false"u8))
                {
                    _output.WriteByte(text[0] == 't' ? (byte)1 : (byte)0);
                    return text[0] == 'f';
                }

                Fail("type", $"expected a boolean, found '{Encoding.UTF8.GetString(text)}'");
                return false;
            case Kind.TypeEnum:
                var values = field.Enum!;
                if (isString)
                {
                    for (var i = 0; i < values.NamesUtf8.Length; i++)
                    {
                        if (text.SequenceEqual(values.NamesUtf8[i]))
                        {
                            _output.WriteVarint((ulong)(long)values.Numbers[i]);
                            return values.Numbers[i] == 0;
                        }
                    }
                }

                if (!ProtoScalars.TryInteger(text, int.MinValue, int.MaxValue, out var number)
                    || (values.Closed && Array.IndexOf(values.Numbers, (int)number) < 0))
                {
                    Fail("enum", $"'{Encoding.UTF8.GetString(text)}' is not a value of enum {values.FullName}: {string.Join(", ", values.Names)}");
                    return false;
                }

                _output.WriteVarint((ulong)(long)number);
                return number == 0;
        }

        var (min, max) = ProtoScalars.RangeOf(field.Type);
        if (!ProtoScalars.TryInteger(text, min, max, out var integer))
        {
            Fail("type", $"expected {IntegerName(field.Type)}, found '{Encoding.UTF8.GetString(text)}'");
            return false;
        }

        switch (field.Type)
        {
            case Kind.TypeSint32:
                var small = (int)integer;
                _output.WriteVarint((uint)((small << 1) ^ (small >> 31)));
                break;
            case Kind.TypeSint64:
                _output.WriteZigZag((long)integer);
                break;
            case Kind.TypeSfixed32:
                _output.WriteUInt32LittleEndian((uint)(int)integer);
                break;
            case Kind.TypeFixed32:
                _output.WriteUInt32LittleEndian((uint)integer);
                break;
            case Kind.TypeSfixed64:
                _output.WriteUInt64LittleEndian((ulong)(long)integer);
                break;
            case Kind.TypeFixed64:
                _output.WriteUInt64LittleEndian((ulong)integer);
                break;
            case Kind.TypeUint32:
            case Kind.TypeUint64:
                _output.WriteVarint((ulong)integer);
                break;
            default:
                // int32 and int64: negative values as their 64-bit two's complement, ten bytes.
                _output.WriteVarint((ulong)(long)integer);
                break;
        }

        return integer == 0;
    }
}
