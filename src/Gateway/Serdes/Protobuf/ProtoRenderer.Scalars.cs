using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Kind = Google.Protobuf.Reflection.FieldDescriptorProto.Type;

namespace Gateway.Serdes;

internal static partial class ProtoRenderer
{
    private static byte[] KeyText(ProtoField key, ulong value, ReadOnlySpan<byte> bytes)
    {
        if (key.Type == Kind.TypeString)
        {
            if (!Utf8.IsValid(bytes))
            {
                throw new InvalidDataException("a map key is not valid UTF-8");
            }

            return bytes.ToArray();
        }

        var text = key.Type switch
        {
            Kind.TypeBool => value != 0 ? "true" : "false",
            Kind.TypeUint32 or Kind.TypeFixed32 => ((uint)value).ToString(CultureInfo.InvariantCulture),
            Kind.TypeUint64 or Kind.TypeFixed64 => value.ToString(CultureInfo.InvariantCulture),
            _ => SignedValue(key.Type, value).ToString(CultureInfo.InvariantCulture),
        };
        return Encoding.ASCII.GetBytes(text);
    }

    private static long SignedValue(Kind type, ulong value) => type switch
    {
        Kind.TypeSint32 => (int)((uint)value >> 1) ^ -(int)((uint)value & 1),
        Kind.TypeSint64 => (long)(value >> 1) ^ -(long)(value & 1),
        Kind.TypeInt32 or Kind.TypeSfixed32 or Kind.TypeEnum => (int)value,
        _ => (long)value,
    };

    private static void RenderScalar(ProtoField field, ulong value, ReadOnlySpan<byte> bytes, JsonOutput output)
    {
        switch (field.Type)
        {
            case Kind.TypeBool:
                output.Boolean(value != 0);
                return;
            case Kind.TypeFloat:
                output.Float(BitConverter.UInt32BitsToSingle((uint)value));
                return;
            case Kind.TypeDouble:
                output.Double(BitConverter.UInt64BitsToDouble(value));
                return;
            case Kind.TypeString:
                if (!Utf8.IsValid(bytes))
                {
                    throw new InvalidDataException($"field {field.Name} is not valid UTF-8");
                }

                output.String(bytes);
                return;
            case Kind.TypeBytes:
                output.String(Convert.ToBase64String(bytes));
                return;
            case Kind.TypeEnum:
                var number = (int)value;
                if (field.Enum!.IsNullValue)
                {
                    output.Null();
                }
                else if (field.Enum.NameOf(number) is { } name)
                {
                    output.String(name);
                }
                else
                {
                    output.Number(number);
                }

                return;
            case Kind.TypeUint32:
            case Kind.TypeFixed32:
                output.Number((long)(uint)value);
                return;
            case Kind.TypeUint64:
            case Kind.TypeFixed64:
                output.String(value.ToString(CultureInfo.InvariantCulture));
                return;
            case Kind.TypeInt64:
            case Kind.TypeSint64:
            case Kind.TypeSfixed64:
                output.String(SignedValue(field.Type, value).ToString(CultureInfo.InvariantCulture));
                return;
            default:
                output.Number(SignedValue(field.Type, value));
                return;
        }
    }

    private static void RenderDefault(ProtoField field, JsonOutput output)
    {
        if (field.Type == Kind.TypeEnum)
        {
            var values = field.Enum!;
            if (values.IsNullValue)
            {
                output.Null();
            }
            else if (field.Default is { } declared)
            {
                output.String(declared);
            }
            else
            {
                output.String(values.NamesUtf8[0]);
            }

            return;
        }

        if (field.Default is not { } text)
        {
            RenderScalar(field, 0, default, output);
            return;
        }

        // A proto2 field's declared default, from its .proto text.
        switch (field.Type)
        {
            case Kind.TypeString:
                output.String(text);
                return;
            case Kind.TypeBytes:
                output.String(Convert.ToBase64String(Encoding.Latin1.GetBytes(text)));
                return;
            case Kind.TypeBool:
                output.Boolean(text == "true");
                return;
            case Kind.TypeFloat:
            case Kind.TypeDouble:
                var number = text switch
                {
                    "inf" => double.PositiveInfinity,
                    "-inf" => double.NegativeInfinity,
                    "nan" => double.NaN,
                    _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                };
                if (field.Type == Kind.TypeFloat)
                {
                    output.Float((float)number);
                }
                else
                {
                    output.Double(number);
                }

                return;
            default:
                var integer = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (field.Type is Kind.TypeInt64 or Kind.TypeSint64 or Kind.TypeSfixed64 or Kind.TypeUint64 or Kind.TypeFixed64)
                {
                    output.String(integer.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    output.Number((long)integer);
                }

                return;
        }
    }
}
