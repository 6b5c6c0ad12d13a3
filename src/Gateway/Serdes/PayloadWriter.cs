using System.Buffers;
using System.Buffers.Binary;

namespace Gateway.Serdes;

/// <summary>
/// A growable byte buffer that serdes append a record's bytes to: varints, fixed-width numbers and raw bytes.
/// One writer serves many records (<see cref="Clear"/> between them), so the hot path allocates only the
/// final copy.
/// </summary>
internal sealed class PayloadWriter : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _length;

    public PayloadWriter(int capacity = 256) => _buffer = new byte[Math.Max(capacity, 16)];

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Drops what was written after <paramref name="length"/>.</summary>
    public void Truncate(int length) => _length = length;

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>An unsigned LEB128 varint (Protobuf's and, after zig-zag, Avro's integer encoding).</summary>
    public void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_length++] = (byte)value;
    }

    /// <summary>A signed integer zig-zag encoded, then as a varint (Avro int and long, Protobuf sint32/sint64).</summary>
    public void WriteZigZag(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

    public void WriteInt32BigEndian(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteUInt32LittleEndian(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteUInt64LittleEndian(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>
    /// Prefixes what was written since <paramref name="start"/> with its length as a varint, moving it along
    /// as far as the prefix needs (Protobuf's length-delimited fields, whose length is known only afterwards).
    /// </summary>
    public void PrefixLength(int start)
    {
        var length = _length - start;
        var prefix = VarintSize((ulong)length);
        Ensure(prefix);
        _buffer.AsSpan(start, length).CopyTo(_buffer.AsSpan(start + prefix));
        var at = start;
        var value = (ulong)length;
        while (value >= 0x80)
        {
            _buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[at] = (byte)value;
        _length += prefix;
    }

    public static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    void IBufferWriter<byte>.Advance(int count) => _length += count;

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
