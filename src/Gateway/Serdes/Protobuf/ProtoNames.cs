using System.Text;
using Gateway.Registry.Formats;

namespace Gateway.Serdes;

/// <summary>Name conversions of the proto3 JSON mapping.</summary>
internal static class ProtoNames
{
    /// <summary>protoc's json_name: underscores dropped, the letter after each upper-cased ("some_field" is "someField").</summary>
    public static string ToJsonName(string name) => ProtoPrinter.DefaultJsonName(name);

    /// <summary>A FieldMask path's JSON form to its proto form ("fooBar" is "foo_bar").</summary>
    public static string ToSnakeCase(string path)
    {
        var text = new StringBuilder(path.Length + 4);
        foreach (var c in path)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                text.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
