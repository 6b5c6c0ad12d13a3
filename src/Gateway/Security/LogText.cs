using System.Text;

namespace Gateway.Security;

/// <summary>Caller-controlled text made safe for a log line: control characters escaped, length capped.</summary>
internal static class LogText
{
    public const int MaxLength = 200;

    public static string Escape(string? text, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var cut = text.Length > maxLength;
        var shown = cut ? text.AsSpan(0, maxLength) : text.AsSpan();
        if (!cut && !shown.ContainsAnyInRange('\u0000', '\u001f') && !shown.Contains('\u007f'))
        {
            return text;
        }

        var escaped = new StringBuilder(shown.Length + 16);
        foreach (var c in shown)
        {
            if (char.IsControl(c))
            {
                escaped.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => $"\\u{(int)c:x4}" });
            }
            else
            {
                escaped.Append(c);
            }
        }

        return cut ? escaped.Append($"...({text.Length} characters)").ToString() : escaped.ToString();
    }
}
