using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Gateway.Serdes;

/// <summary>UTF-8 text of JSON strings and member names without a string per value where the JSON has no escapes.</summary>
internal static class JsonStrings
{
    /// <summary>The string's UTF-8 bytes; return <paramref name="rented"/> with <see cref="Return"/>.</summary>
    public static ReadOnlySpan<byte> Utf8(JsonElement value, out byte[]? rented)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        rented = null;
        return raw.IndexOf((byte)'\\') < 0 ? raw : Encoded(value.GetString()!, out rented);
    }

    public static ReadOnlySpan<byte> Utf8Name(JsonProperty property, out byte[]? rented)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        rented = null;
        return raw.IndexOf((byte)'\\') < 0 ? raw : Encoded(property.Name, out rented);
    }

    public static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>"null", "boolean", "integer", "number", "string", "array" or "object", for messages.</summary>
    public static string KindName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "nothing",
    };

    private static ReadOnlySpan<byte> Encoded(string text, out byte[]? rented)
    {
        rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, rented);
        return rented.AsSpan(0, length);
    }
}
