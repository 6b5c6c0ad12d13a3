namespace Gateway.Serdes;

/// <summary>Reading the binary encodings: bounded slices and unsigned LEB128 varints, failing on bytes that end early.</summary>
internal static class BinaryInput
{
    /// <exception cref="InvalidDataException">Fewer than <paramref name="length"/> bytes are left.</exception>
    public static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int offset, int length)
    {
        if (length > data.Length - offset)
        {
            throw new InvalidDataException($"the data ends at byte {data.Length}, {length} more were expected at {offset}");
        }

        var taken = data.Slice(offset, length);
        offset += length;
        return taken;
    }

    /// <exception cref="InvalidDataException">The varint is cut short or longer than 10 bytes.</exception>
    public static ulong ReadVarint(ReadOnlySpan<byte> data, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Take(data, ref offset, 1)[0];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException($"a varint at byte {offset} is longer than 10 bytes");
    }
}
