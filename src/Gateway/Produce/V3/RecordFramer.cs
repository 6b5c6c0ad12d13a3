using System.Buffers;

namespace Gateway.Produce.V3;

/// <summary>What the framer found next in a streamed body.</summary>
internal enum FrameKind
{
    /// <summary>Nothing complete yet: read more.</summary>
    NeedMore,

    /// <summary>A complete top-level JSON value that starts with <c>{</c>.</summary>
    Object,

    /// <summary>A top-level value that is not an object, or text that is not JSON.</summary>
    NotObject,

    /// <summary>A value larger than the record limit, skipped without being kept.</summary>
    TooLarge,

    /// <summary>The body ended inside a value.</summary>
    Truncated,
}

/// <summary>
/// Splits a body of concatenated JSON values into one frame per value by tracking nesting and strings
/// only, so a malformed record costs its own frame and the stream goes on with the next one. A value
/// past the record limit is skipped as it arrives, never buffered whole.
/// </summary>
internal sealed class RecordFramer(int maxRecordBytes)
{
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> InString = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> EndOfJunk = SearchValues.Create(" \t\r\n{[\""u8);

    private long _scanned;
    private int _depth;
    private bool _started;
    private bool _inString;
    private bool _escaped;
    private bool _junk;
    private bool _object;
    private bool _tooLarge;

    /// <summary>
    /// Finds the next frame at the start of <paramref name="buffer"/>; on a frame, <paramref name="frame"/>
    /// is it and <paramref name="buffer"/> is what follows. On <see cref="FrameKind.NeedMore"/> the caller
    /// keeps <paramref name="buffer"/> (consumed up to its start) and calls again with more data.
    /// </summary>
    public FrameKind Next(ref ReadOnlySequence<byte> buffer, bool completed, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (!_started)
        {
            var reader = new SequenceReader<byte>(buffer);
            reader.AdvancePastAny(" \t\r\n"u8);
            buffer = buffer.Slice(reader.Position);
            if (!reader.TryPeek(out var first))
            {
                return FrameKind.NeedMore;
            }

            Start(first);
        }

        var end = Scan(buffer.Slice(_scanned));
        if (end >= 0)
        {
            var length = _scanned + end;
            frame = buffer.Slice(0, length);
            buffer = buffer.Slice(length);
            var kind = _tooLarge ? FrameKind.TooLarge : _object && !_junk ? FrameKind.Object : FrameKind.NotObject;
            Reset();
            return kind;
        }

        _scanned = buffer.Length;
        if (completed)
        {
            frame = buffer;
            buffer = buffer.Slice(buffer.End);
            var kind = _tooLarge ? FrameKind.TooLarge : _junk && !_inString ? FrameKind.NotObject : FrameKind.Truncated;
            Reset();
            return kind;
        }

        if (_scanned > maxRecordBytes)
        {
            // Keep scanning for the value's end, but let go of what was already seen.
            _tooLarge = true;
            buffer = buffer.Slice(buffer.End);
            _scanned = 0;
        }

        return FrameKind.NeedMore;
    }

    private void Start(byte first)
    {
        _started = true;
        _object = first == '{';
        _junk = first is not ((byte)'{' or (byte)'[' or (byte)'"');
    }

    private void Reset()
    {
        _scanned = 0;
        _depth = 0;
        _started = _inString = _escaped = _junk = _object = _tooLarge = false;
    }

    /// <summary>Scans on from where the last call stopped; the end offset of the value (exclusive) in <paramref name="rest"/>, or -1.</summary>
    private long Scan(ReadOnlySequence<byte> rest)
    {
        long offset = 0;
        foreach (var segment in rest)
        {
            var span = segment.Span;
            var i = 0;
            while (i < span.Length)
            {
                if (_junk)
                {
                    var stop = span[i..].IndexOfAny(EndOfJunk);
                    if (stop >= 0)
                    {
                        // A bare token ends where whitespace or the next value starts; its first byte is never one of those.
                        return offset + i + stop;
                    }

                    break;
                }

                if (_inString)
                {
                    if (_escaped)
                    {
                        _escaped = false;
                        i++;
                        continue;
                    }

                    var next = span[i..].IndexOfAny(InString);
                    if (next < 0)
                    {
                        break;
                    }

                    i += next;
                    if (span[i] == '\\')
                    {
                        _escaped = true;
                    }
                    else
                    {
                        _inString = false;
                        if (_depth == 0)
                        {
                            return offset + i + 1;
                        }
                    }

                    i++;
                    continue;
                }

                var found = span[i..].IndexOfAny(Structural);
                if (found < 0)
                {
                    break;
                }

                i += found;
                switch (span[i])
                {
                    case (byte)'"':
                        _inString = true;
                        break;
                    case (byte)'{' or (byte)'[':
                        _depth++;
                        break;
                    default:
                        if (--_depth <= 0)
                        {
                            return offset + i + 1;
                        }

                        break;
                }

                i++;
            }

            offset += span.Length;
        }

        return -1;
    }
}
