using System.Buffers;
using System.Text;
using Gateway.Http;

namespace Gateway.Produce.V3;

/// <summary>From one frame of a streamed body to a parsed record, or the answer for a frame that is no record.</summary>
internal static class Frames
{
    public static GatewayError? ToRecord(FrameKind kind, ReadOnlySequence<byte> frame, Encoding? latin1, int maxRecordBytes, out RecordV3? record)
    {
        record = null;
        switch (kind)
        {
            case FrameKind.TooLarge:
                return RecordErrorsV3.TooLarge(maxRecordBytes);
            case FrameKind.Truncated:
                return RecordErrorsV3.Truncated();
            case FrameKind.NotObject:
                return RecordParserV3.NotAnObject();
        }

        if (frame.Length > maxRecordBytes)
        {
            return RecordErrorsV3.TooLarge(maxRecordBytes);
        }

        byte[]? copy = null;
        try
        {
            ReadOnlySpan<byte> json;
            if (latin1 is not null)
            {
                // ISO-8859-1 bodies, which kafka-rest also accepts, are read as the characters they encode.
                json = Encoding.UTF8.GetBytes(latin1.GetString(frame.ToArray()));
            }
            else if (frame.IsSingleSegment)
            {
                json = frame.FirstSpan;
            }
            else
            {
                copy = ArrayPool<byte>.Shared.Rent((int)frame.Length);
                frame.CopyTo(copy);
                json = copy.AsSpan(0, (int)frame.Length);
            }

            var error = RecordParserV3.Parse(json, batchEntry: false, out var parsed);
            record = error is null ? parsed : null;
            return error;
        }
        finally
        {
            if (copy is not null)
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        }
    }
}
