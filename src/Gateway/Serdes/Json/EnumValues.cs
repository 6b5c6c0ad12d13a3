using System.Globalization;
using System.Text.Json;

namespace Gateway.Serdes;

/// <summary>The values an <c>enum</c> keyword allows, compared as JSON compares them (1 equals 1.0).</summary>
internal sealed class EnumValues
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<double> _numbers = [];
    private readonly HashSet<JsonTokenType> _literals = [];

    public EnumValues(IEnumerable<object?> values)
    {
        var shown = new List<string>();
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    _literals.Add(JsonTokenType.Null);
                    shown.Add("null");
                    break;
                case string s:
                    _strings.Add(s);
                    shown.Add($"'{s}'");
                    break;
                case bool b:
                    _literals.Add(b ? JsonTokenType.True : JsonTokenType.False);
                    shown.Add(b ? "true" : "false");
                    break;
                case IConvertible number:
                    _numbers.Add(number.ToDouble(CultureInfo.InvariantCulture));
                    shown.Add(number.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new InvalidDataException($"enum value {value} is not a string, number, boolean or null.");
            }
        }

        Display = string.Join(", ", shown);
    }

    public string Display { get; }

    public bool Contains(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => _strings.Contains(reader.GetString()!),
        JsonTokenType.Number => reader.TryGetDouble(out var d) && _numbers.Contains(d),
        JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null => _literals.Contains(reader.TokenType),
        _ => false,
    };
}
