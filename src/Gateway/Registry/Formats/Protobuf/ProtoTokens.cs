using System.Text;

namespace Gateway.Registry.Formats;

/// <summary>
/// Splits .proto text into tokens with comments and whitespace gone: enough to tell two texts apart by what
/// they say rather than how they are laid out, and to read the syntax statement, which descriptors do not keep.
/// </summary>
internal static class ProtoTokens
{
    public static List<string> Of(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c is '"' or '\'')
            {
                var start = i++;
                while (i < text.Length && text[i] != c)
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                i = Math.Min(i + 1, text.Length);
                tokens.Add(text[start..i]);
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '.')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else
            {
                tokens.Add(c.ToString());
                i++;
            }
        }

        return tokens;
    }

    /// <summary>The tokens joined by single spaces: equal for texts that differ only in layout and comments.</summary>
    public static string Joined(string text) => string.Join(' ', Of(text));

    /// <summary>The syntax the file declares ("proto2", "proto3"), or null when it declares none.</summary>
    public static string? DeclaredSyntax(string text)
    {
        var tokens = Of(text);
        return tokens.Count >= 3 && tokens[0] == "syntax" && tokens[1] == "=" && tokens[2].Length >= 2
            ? tokens[2][1..^1]
            : null;
    }

    /// <summary>Escapes a string literal's content as Confluent prints option and default values.</summary>
    public static string Escape(string value)
    {
        var output = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            output.Append(c switch
            {
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\v' => "\\v",
                '\\' => "\\\\",
                '\'' => "\\'",
                '"' => "\\\"",
                _ => c.ToString(),
            });
        }

        return output.ToString();
    }
}
