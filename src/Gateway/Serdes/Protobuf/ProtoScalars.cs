using System.Globalization;
using System.Text.Json;
using Google.Protobuf.Reflection;

namespace Gateway.Serdes;

/// <summary>Reading scalar values as the proto3 JSON mapping writes them (Java's <c>JsonFormat.parser()</c> rules).</summary>
internal static class ProtoScalars
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    public static int WireTypeOf(FieldDescriptorProto.Type type) => type switch
    {
        FieldDescriptorProto.Type.TypeDouble or FieldDescriptorProto.Type.TypeFixed64 or FieldDescriptorProto.Type.TypeSfixed64 => Fixed64,
        FieldDescriptorProto.Type.TypeFloat or FieldDescriptorProto.Type.TypeFixed32 or FieldDescriptorProto.Type.TypeSfixed32 => Fixed32,
        FieldDescriptorProto.Type.TypeString or FieldDescriptorProto.Type.TypeBytes or FieldDescriptorProto.Type.TypeMessage
            or FieldDescriptorProto.Type.TypeGroup => LengthDelimited,
        _ => Varint,
    };

    /// <summary>The range of an integer type, as (min, max) of its signed or unsigned value.</summary>
    public static (decimal Min, decimal Max) RangeOf(FieldDescriptorProto.Type type) => type switch
    {
        FieldDescriptorProto.Type.TypeInt32 or FieldDescriptorProto.Type.TypeSint32 or FieldDescriptorProto.Type.TypeSfixed32
            or FieldDescriptorProto.Type.TypeEnum => (int.MinValue, int.MaxValue),
        FieldDescriptorProto.Type.TypeUint32 or FieldDescriptorProto.Type.TypeFixed32 => (0, uint.MaxValue),
        FieldDescriptorProto.Type.TypeUint64 or FieldDescriptorProto.Type.TypeFixed64 => (0, ulong.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    /// <summary>An integer from its text (a JSON number or the content of a JSON string): whole, within range.</summary>
    public static bool TryInteger(ReadOnlySpan<byte> text, decimal min, decimal max, out decimal value)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            value = integer;
        }
        else if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned))
        {
            value = unsigned;
        }
        else if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || value != decimal.Truncate(value))
        {
            return false;
        }

        return value >= min && value <= max;
    }

    /// <summary>A float or double: a JSON number, or a string holding a number, "NaN", "Infinity" or "-Infinity".</summary>
    public static bool TryFloating(JsonElement value, out double number)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetDouble(out number) && double.IsFinite(number);
        }

        number = 0;
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var text = value.GetString()!;
        number = text switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) ? parsed : double.NaN,
        };
        return text is "NaN" || !double.IsNaN(number);
    }

    /// <summary>Bytes in base64, standard or URL-safe, with or without padding, as Java's parser takes them.</summary>
    public static byte[]? FromBase64(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        standard = (standard.Length % 4) switch
        {
            2 => standard + "==",
            3 => standard + "=",
            _ => standard,
        };
        var bytes = new byte[standard.Length / 4 * 3 + 3];
        return Convert.TryFromBase64String(standard, bytes, out var written) ? bytes[..written] : null;
    }
}
