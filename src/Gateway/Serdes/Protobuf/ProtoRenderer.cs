using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Kind = Google.Protobuf.Reflection.FieldDescriptorProto.Type;

namespace Gateway.Serdes;

/// <summary>
/// Renders a Protobuf message as kafka-rest's consumer does (Java's <c>JsonFormat.printer().includingDefaultValueFields()</c>,
/// re-read and written by Jackson): fields by JSON name in field-number order; unset scalars, repeated fields and maps
/// printed at their defaults, unset messages and oneof members left out; enums by name (a number when the enum has no
/// name for it); 64-bit integers as strings; bytes in base64; the well-known types in their own JSON forms.
/// </summary>
internal static partial class ProtoRenderer
{
    private const int MaxDepth = 100;

    /// <exception cref="InvalidDataException">The bytes are not a message of this type.</exception>
    public static void Render(ProtoMessage message, ReadOnlySpan<byte> data, JsonOutput output, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"messages nest more than {MaxDepth} levels deep");
        }

        if (message.WellKnown != WellKnownType.None)
        {
            RenderWellKnown(message, data, output, depth);
            return;
        }

        var occurrences = ProtoReader.Occurrences(message, data);
        var fields = message.Fields;
        Span<int> winners = message.Oneofs.Length <= 64 ? stackalloc int[message.Oneofs.Length] : new int[message.Oneofs.Length];
        winners.Fill(-1);
        foreach (var occurrence in occurrences)
        {
            if (fields[occurrence.Field].Oneof is var oneof and >= 0)
            {
                winners[oneof] = occurrence.Field;
            }
        }

        output.StartObject();
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (field.Oneof >= 0 && winners[field.Oneof] != i)
            {
                continue;
            }

            var present = occurrences.Exists(o => o.Field == i);
            if (!present && field.IsMessage && !field.Repeated)
            {
                continue;
            }

            output.Name(field.JsonNameUtf8);
            RenderField(field, i, present, occurrences, data, output, depth);
        }

        output.EndObject();
    }

    private static void RenderField(ProtoField field, int index, bool present, List<ProtoOccurrence> occurrences, ReadOnlySpan<byte> data, JsonOutput output, int depth)
    {
        if (field.IsMap)
        {
            output.StartObject();
            foreach (var occurrence in occurrences)
            {
                if (occurrence.Field == index)
                {
                    RenderEntry(field.Message!, data.Slice(occurrence.Start, occurrence.Length), output, depth);
                }
            }

            output.EndObject();
            return;
        }

        if (field.Repeated)
        {
            output.StartArray();
            foreach (var occurrence in occurrences)
            {
                if (occurrence.Field != index)
                {
                    continue;
                }

                if (field.IsMessage)
                {
                    Render(field.Message!, data.Slice(occurrence.Start, occurrence.Length), output, depth + 1);
                }
                else if (occurrence.WireType == ProtoScalars.LengthDelimited && field.Packable)
                {
                    RenderPacked(field, data.Slice(occurrence.Start, occurrence.Length), output);
                }
                else
                {
                    RenderScalar(field, occurrence.Value, data.Slice(occurrence.Start, occurrence.Length), output);
                }
            }

            output.EndArray();
            return;
        }

        if (!present)
        {
            RenderDefault(field, output);
            return;
        }

        if (field.IsMessage)
        {
            // A message that occurs more than once is the merge of its occurrences, which is the parse of them joined.
            var parts = occurrences.FindAll(o => o.Field == index);
            if (parts.Count == 1)
            {
                Render(field.Message!, data.Slice(parts[0].Start, parts[0].Length), output, depth + 1);
                return;
            }

            var joined = new List<byte>();
            foreach (var part in parts)
            {
                joined.AddRange(data.Slice(part.Start, part.Length));
            }

            Render(field.Message!, joined.ToArray(), output, depth + 1);
            return;
        }

        var last = occurrences.FindLast(o => o.Field == index);
        RenderScalar(field, last.Value, data.Slice(last.Start, last.Length), output);
    }

    private static void RenderPacked(ProtoField field, ReadOnlySpan<byte> run, JsonOutput output)
    {
        var offset = 0;
        var wireType = ProtoScalars.WireTypeOf(field.Type);
        while (offset < run.Length)
        {
            var value = wireType switch
            {
                ProtoScalars.Fixed64 => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(ProtoReader.Take(run, ref offset, 8)),
                ProtoScalars.Fixed32 => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(ProtoReader.Take(run, ref offset, 4)),
                _ => ProtoReader.ReadVarint(run, ref offset),
            };
            RenderScalar(field, value, default, output);
        }
    }

    // A map entry: key and value, each at its default when the entry leaves it out.
    private static void RenderEntry(ProtoMessage entry, ReadOnlySpan<byte> data, JsonOutput output, int depth)
    {
        var occurrences = ProtoReader.Occurrences(entry, data);
        var key = entry.Fields[0];
        var keyAt = occurrences.FindLastIndex(o => o.Field == 0);
        output.Name(keyAt < 0 ? KeyText(key, 0, default) : KeyText(key, occurrences[keyAt].Value, data.Slice(occurrences[keyAt].Start, occurrences[keyAt].Length)));
        var value = entry.Fields[1];
        var present = occurrences.Exists(o => o.Field == 1);
        if (!present && value.IsMessage)
        {
            Render(value.Message!, [], output, depth + 1);
            return;
        }

        RenderField(value, 1, present, occurrences, data, output, depth);
    }

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
