using System.Buffers.Binary;

namespace Gateway.Serdes;

/// <summary>
/// Confluent's wire format for a record framed by schema id: byte 0 is the magic byte 0, bytes 1-4 the schema's
/// global id (big-endian), then the payload. A Protobuf payload starts with the message-index path of its message
/// type: the number of indexes, then each index, all as zig-zag varints (Kafka's <c>ByteUtils.writeVarint</c>), and
/// the path [0] of the first message type written as the single byte 0x00, as Confluent's serializers write it and
/// its deserializers read it.
/// </summary>
internal static class ConfluentWire
{
    public const byte MagicByte = 0;

    /// <summary>The magic byte and the schema id.</summary>
    public const int HeaderLength = 5;

    /// <summary>Longest index path read back: Protobuf nests messages far less deeply than this.</summary>
    public const int MaxIndexPathLength = 100;

    public static void WriteHeader(PayloadWriter output, int schemaId)
    {
        output.WriteByte(MagicByte);
        output.WriteInt32BigEndian(schemaId);
    }

    /// <summary>Reads the header of a framed record; the payload is what follows it.</summary>
    public static WireProblem? TryReadHeader(ReadOnlySpan<byte> record, out int schemaId, out int payloadOffset)
    {
        schemaId = 0;
        payloadOffset = 0;
        if (record.Length < HeaderLength)
        {
            return new WireProblem($"the record has {record.Length} bytes, fewer than the 5 of Confluent's wire format header (magic byte 0, 4-byte schema id)");
        }

        if (record[0] != MagicByte)
        {
            return new WireProblem($"the record's first byte is 0x{record[0]:X2}, not the magic byte 0x00 of Confluent's wire format");
        }

        schemaId = BinaryPrimitives.ReadInt32BigEndian(record[1..]);
        payloadOffset = HeaderLength;
        return null;
    }

    /// <summary>Writes a message-index path; [0] (and the empty path, which means the same) as the single byte 0x00.</summary>
    public static void WriteIndexPath(PayloadWriter output, IReadOnlyList<int> path)
    {
        if (path.Count == 0 || (path.Count == 1 && path[0] == 0))
        {
            output.WriteByte(0);
            return;
        }

        output.WriteZigZag(path.Count);
        for (var i = 0; i < path.Count; i++)
        {
            output.WriteZigZag(path[i]);
        }
    }

    /// <summary>Reads the message-index path at the start of a Protobuf payload; a count of 0 is the path [0].</summary>
    public static WireProblem? TryReadIndexPath(ReadOnlySpan<byte> payload, out int[] path, out int consumed)
    {
        path = [];
        consumed = 0;
        if (ReadZigZag32(payload, ref consumed) is not { } count)
        {
            return new WireProblem("the Protobuf message-index path is missing or its count is not a varint");
        }

        if (count == 0)
        {
            path = [0];
            return null;
        }

        if (count < 0 || count > MaxIndexPathLength)
        {
            return new WireProblem($"the Protobuf message-index path claims {count} indexes");
        }

        path = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (ReadZigZag32(payload, ref consumed) is not { } index || index < 0)
            {
                return new WireProblem($"index {i} of the Protobuf message-index path is missing or not a non-negative varint");
            }

            path[i] = index;
        }

        return null;
    }

    private static int? ReadZigZag32(ReadOnlySpan<byte> bytes, ref int offset)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (offset >= bytes.Length)
            {
                return null;
            }

            var b = bytes[offset++];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (int)(value >> 1) ^ -(int)(value & 1);
            }
        }

        return null;
    }
}

/// <summary>Why bytes are not a record in Confluent's wire format, or not one the schema can read.</summary>
internal sealed record WireProblem(string Message);
