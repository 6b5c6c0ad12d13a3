using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>
/// Writes JSON the way Confluent's registry (Java, Jackson) prints it, so canonical texts match byte for byte:
/// compact, only quotes, backslashes and control characters escaped, and, where Java reads numbers as doubles,
/// Java's rendering of a double.
/// </summary>
internal static class JavaJson
{
    /// <summary>Writes <paramref name="value"/>; <paramref name="sortKeys"/> orders object keys by ordinal comparison,
    /// <paramref name="numbersAsDoubles"/> prints non-integral numbers as Java prints a double.</summary>
    public static void WriteValue(StringBuilder output, JsonElement value, bool sortKeys, bool numbersAsDoubles)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                output.Append('{');
                var properties = value.EnumerateObject().ToList();
                if (sortKeys)
                {
                    properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                }

                for (var i = 0; i < properties.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(',');
                    }

                    WriteString(output, properties[i].Name);
                    output.Append(':');
                    WriteValue(output, properties[i].Value, sortKeys, numbersAsDoubles);
                }

                output.Append('}');
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Append(',');
                    }

                    first = false;
                    WriteValue(output, item, sortKeys, numbersAsDoubles);
                }

                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(output, value.GetString()!);
                break;
            case JsonValueKind.Number:
                output.Append(numbersAsDoubles ? JavaNumber(value.GetRawText()) : value.GetRawText());
                break;
            default:
                output.Append(value.GetRawText());
                break;
        }
    }

    public static void WriteString(StringBuilder output, string text)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case < ' ': output.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)); break;
                default: output.Append(c); break;
            }
        }

        output.Append('"');
    }

    /// <summary>An integral number as written; any other as Java's <c>Double.toString</c> prints it.</summary>
    public static string JavaNumber(string raw)
    {
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            return raw;
        }

        return JavaDouble(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>Java's <c>Double.toString</c>: plain notation with at least one decimal between 10^-3 and 10^7, else
    /// <c>d.dddE±n</c>; shortest round-trip digits.</summary>
    public static string JavaDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var (digits, exponent) = ShortestDigits(Math.Abs(value));
        var sign = value < 0 ? "-" : "";
        var magnitude = Math.Abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            // exponent is the power of ten of the first digit.
            string text;
            if (exponent >= 0)
            {
                var whole = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
                var fraction = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "0";
                text = whole + "." + fraction;
            }
            else
            {
                text = "0." + new string('0', -exponent - 1) + digits;
            }

            return sign + text;
        }

        var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits + ".0";
        return sign + mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static (string Digits, int Exponent) ShortestDigits(double magnitude)
    {
        // "E16" is not shortest; "R" is, but its layout varies, so take it apart.
        var text = magnitude.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point >= 0 ? point : text.Length;
        var all = text.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        all = all.TrimStart('0').TrimEnd('0');
        if (all.Length == 0)
        {
            all = "0";
        }

        return (all, exponent + integerDigits - leadingZeros - 1);
    }
}
