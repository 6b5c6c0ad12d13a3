using System.Globalization;
using System.Text;

namespace Gateway.Serdes;

/// <summary>
/// Floating-point text as Java writes it (<c>Double.toString</c>, <c>Float.toString</c>): the shortest digits
/// that read back to the same value, as a plain decimal with at least one fraction digit from 10^-3 up to 10^7
/// ("100.0", "0.001"), otherwise as d.dddE±n ("1.0E7", "1.5E-5"). kafka-rest renders consumed Avro and
/// Protobuf numbers this way.
/// </summary>
internal static class JavaNumbers
{
    public static string DoubleText(double value) => Format(value.ToString("R", CultureInfo.InvariantCulture), Math.Abs(value));

    public static string FloatText(float value) => Format(value.ToString("R", CultureInfo.InvariantCulture), Math.Abs(value));

    public static string NonFiniteText(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    private static string Format(string shortest, double magnitude)
    {
        var negative = shortest.StartsWith('-');
        var body = negative ? shortest[1..] : shortest;
        var exponentAt = body.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? body : body[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(body[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var integerDigits = point < 0 ? mantissa.Length : point;

        // Normalize to d1.d2d3... x 10^scientific with no leading zeros.
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        var scientific = exponent + integerDigits - 1 - leadingZeros;
        digits = digits[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0)
        {
            return negative ? "-0.0" : "0.0";
        }

        var text = new StringBuilder(24);
        if (negative)
        {
            text.Append('-');
        }

        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            if (scientific < 0)
            {
                text.Append("0.").Append('0', -scientific - 1).Append(digits);
            }
            else if (digits.Length > scientific + 1)
            {
                text.Append(digits, 0, scientific + 1).Append('.').Append(digits, scientific + 1, digits.Length - scientific - 1);
            }
            else
            {
                text.Append(digits).Append('0', scientific + 1 - digits.Length).Append(".0");
            }
        }
        else
        {
            text.Append(digits[0]).Append('.').Append(digits.Length > 1 ? digits[1..] : "0").Append('E').Append(scientific);
        }

        return text.ToString();
    }
}
