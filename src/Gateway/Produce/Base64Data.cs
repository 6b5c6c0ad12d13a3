using System.Buffers;
using System.Buffers.Text;

namespace Gateway.Produce;

/// <summary>Standard base64 (RFC 4648), padding optional, no whitespace, as kafka-rest's Guava decoder reads it.</summary>
internal static class Base64Data
{
    /// <summary>The decoded bytes, or null when the text is not valid base64.</summary>
    public static byte[]? Decode(ReadOnlySpan<byte> text)
    {
        if (text.Length % 4 == 1)
        {
            return null;
        }

        var padding = (4 - (text.Length % 4)) % 4;
        var padded = ArrayPool<byte>.Shared.Rent(text.Length + padding);
        try
        {
            text.CopyTo(padded);
            padded.AsSpan(text.Length, padding).Fill((byte)'=');
            var input = padded.AsSpan(0, text.Length + padding);
            var output = new byte[Base64.GetMaxDecodedFromUtf8Length(input.Length)];
            var status = Base64.DecodeFromUtf8(input, output, out var consumed, out var written);
            return status == OperationStatus.Done && consumed == input.Length ? output.AsSpan(0, written).ToArray() : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(padded);
        }
    }
}
