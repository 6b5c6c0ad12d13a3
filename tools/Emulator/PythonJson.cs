using System.Globalization;
using System.Text;

namespace Gateway.Emulator;

/// <summary>
/// Lays out JSON as Python's <c>json.dumps</c> does by default, as the Pinterest emulator sends it:
/// <c>", "</c> and <c>": "</c> separators and every non-ASCII character as a <c>\u</c> escape
/// (surrogate pairs for characters beyond the BMP).
/// </summary>
internal static class PythonJson
{
    public static string Dumps(object? value)
    {
        var text = new StringBuilder();
        Write(text, value);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                WriteString(text, s);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case int or long:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                text.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object?>> members:
                text.Append('{');
                var first = true;
                foreach (var (name, member) in members)
                {
                    text.Append(first ? "" : ", ");
                    first = false;
                    WriteString(text, name);
                    text.Append(": ");
                    Write(text, member);
                }

                text.Append('}');
                break;
            case System.Collections.IEnumerable items:
                text.Append('[');
                var firstItem = true;
                foreach (var item in items)
                {
                    text.Append(firstItem ? "" : ", ");
                    firstItem = false;
                    Write(text, item);
                }

                text.Append(']');
                break;
            default:
                throw new ArgumentException($"{value.GetType()} is not a JSON value.", nameof(value));
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
