namespace Gateway.Serdes;

/// <summary>One field occurrence in a message's bytes: a varint or fixed value, or a length-delimited run.</summary>
internal readonly record struct ProtoOccurrence(int Field, int WireType, ulong Value, int Start, int Length);

/// <summary>Splits a message's bytes into field occurrences, checking each wire type against its field.</summary>
internal static class ProtoReader
{
    /// <exception cref="InvalidDataException">The bytes are not a message of this type.</exception>
    public static List<ProtoOccurrence> Occurrences(ProtoMessage message, ReadOnlySpan<byte> data)
    {
        var occurrences = new List<ProtoOccurrence>();
        var offset = 0;
        while (offset < data.Length)
        {
            var tag = ReadVarint(data, ref offset);
            var number = tag >> 3;
            var wireType = (int)(tag & 7);
            if (number is 0 or > 536_870_911)
            {
                throw new InvalidDataException($"field number {number} at byte {offset} is not valid");
            }

            ulong value = 0;
            var start = offset;
            var length = 0;
            switch (wireType)
            {
                case ProtoScalars.Varint:
                    value = ReadVarint(data, ref offset);
                    break;
                case ProtoScalars.Fixed64:
                    value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(Take(data, ref offset, 8));
                    break;
                case ProtoScalars.Fixed32:
                    value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(Take(data, ref offset, 4));
                    break;
                case ProtoScalars.LengthDelimited:
                    var size = ReadVarint(data, ref offset);
                    if (size > (ulong)(data.Length - offset))
                    {
                        throw new InvalidDataException($"field {number} claims {size} bytes, more than are left");
                    }

                    start = offset;
                    length = (int)size;
                    offset += length;
                    break;
                default:
                    throw new InvalidDataException($"field {number} has wire type {wireType}, which is not supported (groups are not)");
            }

            var index = message.FieldIndexByNumber((int)number);
            if (index < 0)
            {
                // Unknown fields are skipped, as Java's printer leaves them out.
                continue;
            }

            var field = message.Fields[index];
            var expected = field.IsMessage ? ProtoScalars.LengthDelimited : ProtoScalars.WireTypeOf(field.Type);
            if (wireType != expected && !(field.Repeated && field.Packable && wireType == ProtoScalars.LengthDelimited))
            {
                throw new InvalidDataException($"field {number} ({field.Name}) has wire type {wireType}, not {expected}");
            }

            occurrences.Add(new ProtoOccurrence(index, wireType, value, start, length));
        }

        return occurrences;
    }

    public static ulong ReadVarint(ReadOnlySpan<byte> data, ref int offset) => BinaryInput.ReadVarint(data, ref offset);

    public static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int offset, int length) => BinaryInput.Take(data, ref offset, length);
}
