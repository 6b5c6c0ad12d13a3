using System.Buffers.Binary;
using System.Text.Unicode;

namespace Gateway.Serdes;

/// <summary>
/// Reads Avro binary data and writes it as kafka-rest's consumer renders it: Avro's JSON encoding (Java's
/// <c>JsonEncoder</c>, re-read and written by Jackson). Unions are tagged with the branch's full name (null is
/// plain null), bytes and fixed are ISO-8859-1 strings, enums their symbol, logical types their underlying value,
/// floating-point numbers as Java prints them.
/// </summary>
internal static class AvroRenderer
{
    private const int MaxDepth = 200;

    /// <exception cref="InvalidDataException">The bytes are not data of the schema.</exception>
    public static void Render(AvroNode node, ReadOnlySpan<byte> data, ref int offset, JsonOutput output, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"the data nests more than {MaxDepth} levels deep");
        }

        switch (node.Kind)
        {
            case AvroKind.Null:
                output.Null();
                return;
            case AvroKind.Boolean:
                var flag = Take(data, ref offset, 1)[0];
                if (flag > 1)
                {
                    throw new InvalidDataException($"a boolean is the byte 0x{flag:X2}, not 0 or 1");
                }

                output.Boolean(flag == 1);
                return;
            case AvroKind.Int:
                var integer = ReadLong(data, ref offset);
                if (integer is < int.MinValue or > int.MaxValue)
                {
                    throw new InvalidDataException($"an int holds {integer}, beyond 32 bits");
                }

                output.Number(integer);
                return;
            case AvroKind.Long:
                output.Number(ReadLong(data, ref offset));
                return;
            case AvroKind.Float:
                output.Float(BinaryPrimitives.ReadSingleLittleEndian(Take(data, ref offset, 4)));
                return;
            case AvroKind.Double:
                output.Double(BinaryPrimitives.ReadDoubleLittleEndian(Take(data, ref offset, 8)));
                return;
            case AvroKind.Bytes:
                output.Latin1String(Take(data, ref offset, ReadLength(data, ref offset)));
                return;
            case AvroKind.Fixed:
                output.Latin1String(Take(data, ref offset, node.Size));
                return;
            case AvroKind.String:
                var text = Take(data, ref offset, ReadLength(data, ref offset));
                if (!Utf8.IsValid(text))
                {
                    throw new InvalidDataException("a string is not valid UTF-8");
                }

                output.String(text);
                return;
            case AvroKind.Enum:
                output.String(node.SymbolsUtf8[ReadIndex(data, ref offset, node.Symbols.Length, "enum symbol")]);
                return;
            case AvroKind.Array:
                output.StartArray();
                for (var count = ReadBlockCount(data, ref offset); count > 0; count = ReadBlockCount(data, ref offset))
                {
                    for (long i = 0; i < count; i++)
                    {
                        Render(node.Items!, data, ref offset, output, depth + 1);
                    }
                }

                output.EndArray();
                return;
            case AvroKind.Map:
                output.StartObject();
                for (var count = ReadBlockCount(data, ref offset); count > 0; count = ReadBlockCount(data, ref offset))
                {
                    for (long i = 0; i < count; i++)
                    {
                        var key = Take(data, ref offset, ReadLength(data, ref offset));
                        if (!Utf8.IsValid(key))
                        {
                            throw new InvalidDataException("a map key is not valid UTF-8");
                        }

                        output.Name(key);
                        Render(node.Items!, data, ref offset, output, depth + 1);
                    }
                }

                output.EndObject();
                return;
            case AvroKind.Record:
                output.StartObject();
                foreach (var field in node.Fields)
                {
                    output.Name(field.NameUtf8);
                    Render(field.Type, data, ref offset, output, depth + 1);
                }

                output.EndObject();
                return;
            case AvroKind.Union:
                var branch = node.Branches[ReadIndex(data, ref offset, node.Branches.Length, "union branch")];
                if (branch.Kind == AvroKind.Null)
                {
                    output.Null();
                    return;
                }

                output.StartObject();
                output.Name(branch.LabelUtf8);
                Render(branch, data, ref offset, output, depth + 1);
                output.EndObject();
                return;
        }
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int offset, int length) => BinaryInput.Take(data, ref offset, length);

    private static long ReadLong(ReadOnlySpan<byte> data, ref int offset)
    {
        var value = BinaryInput.ReadVarint(data, ref offset);
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    private static int ReadLength(ReadOnlySpan<byte> data, ref int offset)
    {
        var length = ReadLong(data, ref offset);
        if (length < 0 || length > data.Length - offset)
        {
            throw new InvalidDataException($"a length of {length} at byte {offset} does not fit the data");
        }

        return (int)length;
    }

    private static int ReadIndex(ReadOnlySpan<byte> data, ref int offset, int count, string what)
    {
        var index = ReadLong(data, ref offset);
        if (index < 0 || index >= count)
        {
            throw new InvalidDataException($"{what} {index} does not exist (there are {count})");
        }

        return (int)index;
    }

    // Arrays and maps come in blocks; a negative count is followed by the block's size in bytes.
    private static long ReadBlockCount(ReadOnlySpan<byte> data, ref int offset)
    {
        var count = ReadLong(data, ref offset);
        if (count < 0)
        {
            count = -count;
            ReadLong(data, ref offset);
        }

        if (count > data.Length - offset + 1)
        {
            throw new InvalidDataException($"a block claims {count} items, more than the data could hold");
        }

        return count;
    }
}
