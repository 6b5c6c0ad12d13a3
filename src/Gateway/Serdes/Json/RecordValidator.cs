using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Gateway.Http;

namespace Gateway.Serdes;

/// <summary>
/// Checks one value (compact JSON bytes) against a compiled schema in a single forward pass, collecting
/// every violation up to a limit.
/// </summary>
internal sealed class RecordValidator(ViolationSink violations)
{
    private readonly ValuePath _path = new();
    private bool _recordFailed;

    public RecordValidator(List<SchemaViolation> violations, int limit)
        : this(new ViolationSink(violations, limit))
    {
    }

    public bool Full => violations.Full;

    /// <summary>Validates the value of record <paramref name="record"/>; false when it has violations.</summary>
    public bool Validate(int record, ReadOnlySpan<byte> value, CompiledSchema schema)
    {
        _recordFailed = false;
        violations.Record = record;
        _path.Clear();
        // Values of the json format are already checked JSON; binary payloads are whatever the client sent.
        if (!Utf8.IsValid(value))
        {
            Add("json", "the value is not JSON: it is not valid UTF-8 text.");
            return false;
        }

        var reader = new Utf8JsonReader(value);
        try
        {
            reader.Read();
            Check(ref reader, schema);
            if (reader.Read())
            {
                Add("json", "the value is not JSON: content follows the first value.");
            }
        }
        catch (JsonException e)
        {
            // About the whole value, wherever the reader was.
            _path.Clear();
            Add("json", $"the value is not JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // A string escape that is not Unicode text, such as a lone surrogate.
            Add("json", $"the value is not JSON: {e.Message}");
        }

        return !_recordFailed;
    }

    /// <summary>A record whose value is missing (a Kafka null) is checked as JSON null.</summary>
    public bool ValidateNull(int record, CompiledSchema schema) => Validate(record, "null"u8, schema);

    private void Check(ref Utf8JsonReader reader, CompiledSchema schema)
    {
        var type = TypeOf(ref reader);
        if (schema.Types != JsonTypes.None && (schema.Types & type) != type)
        {
            Add("type", $"expected {Describe(schema.Types)}, found {Describe(type)}");
            if (schema.Enum is { } enumerated && !enumerated.Contains(ref reader))
            {
                // A value of another type is no value of the enum either; JSON Schema reports both.
                Add("enum", $"must be one of {enumerated.Display}");
            }

            reader.Skip();
            return;
        }

        switch (type)
        {
            case JsonTypes.Object:
                CheckObject(ref reader, schema);
                return;
            case JsonTypes.Array:
                CheckArray(ref reader, schema);
                return;
            case JsonTypes.String:
                CheckString(ref reader, schema);
                break;
            case JsonTypes.Integer:
            case JsonTypes.Number:
                CheckNumber(ref reader, schema);
                break;
        }

        if (schema.Enum is { } allowed && !allowed.Contains(ref reader))
        {
            Add("enum", $"must be one of {allowed.Display}");
        }
    }

    private void CheckObject(ref Utf8JsonReader reader, CompiledSchema schema)
    {
        var properties = schema.Properties;
        Span<bool> seen = properties.Count <= 64 ? stackalloc bool[properties.Count] : new bool[properties.Count];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = Find(ref reader, properties);
            if (index < 0)
            {
                var name = reader.GetString()!;
                reader.Read();
                reader.Skip();
                if (!schema.AllowAdditionalProperties)
                {
                    _path.Push(name);
                    Add("additionalProperties", $"property '{name}' is not allowed");
                    _path.Pop();
                }

                continue;
            }

            seen[index] = true;
            reader.Read();
            _path.Push(properties[index].Name);
            Check(ref reader, properties[index].Schema);
            _path.Pop();
        }

        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].Required && !seen[i])
            {
                Add("required", $"required property '{properties[i].Name}' is missing");
            }
        }
    }

    private void CheckArray(ref Utf8JsonReader reader, CompiledSchema schema)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            _path.Push(index++);
            Check(ref reader, schema.Items ?? CompiledSchema.Any);
            _path.Pop();
        }
    }

    private void CheckString(ref Utf8JsonReader reader, CompiledSchema schema)
    {
        if (schema.MinLength is null && schema.MaxLength is null && schema.Pattern is null)
        {
            return;
        }

        var text = reader.GetString()!;
        var length = schema.CountsTextElements ? new StringInfo(text).LengthInTextElements : CountCodePoints(text);
        if (length < schema.MinLength)
        {
            Add("minLength", $"must be at least {schema.MinLength} characters, found {length}");
        }

        if (length > schema.MaxLength)
        {
            Add("maxLength", $"must be at most {schema.MaxLength} characters, found {length}");
        }

        if (schema.Pattern is { } pattern && !Matches(pattern, text))
        {
            Add("pattern", $"'{Shorten(text)}' does not match {pattern}");
        }
    }

    private void CheckNumber(ref Utf8JsonReader reader, CompiledSchema schema)
    {
        if (schema.Minimum is null && schema.Maximum is null)
        {
            return;
        }

        var value = reader.TryGetDouble(out var d) ? d : double.NaN;
        if (value < schema.Minimum)
        {
            Add("minimum", $"must be at least {schema.Minimum}, found {Encoding.UTF8.GetString(Raw(ref reader))}");
        }

        if (value > schema.Maximum)
        {
            Add("maximum", $"must be at most {schema.Maximum}, found {Encoding.UTF8.GetString(Raw(ref reader))}");
        }
    }

    private static bool Matches(System.Text.RegularExpressions.Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static int Find(ref Utf8JsonReader reader, IReadOnlyList<CompiledProperty> properties)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            if (reader.ValueTextEquals(properties[i].Utf8Name))
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonTypes TypeOf(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => JsonTypes.Object,
        JsonTokenType.StartArray => JsonTypes.Array,
        JsonTokenType.String => JsonTypes.String,
        JsonTokenType.Number => IsInteger(reader.ValueSpan) ? JsonTypes.Integer : JsonTypes.Number,
        JsonTokenType.True or JsonTokenType.False => JsonTypes.Boolean,
        _ => JsonTypes.Null,
    };

    /// <summary>JSON Schema counts 1.0 as an integer: a number without a fraction or exponent that changes that.</summary>
    private static bool IsInteger(ReadOnlySpan<byte> number)
    {
        if (number.IndexOfAny("eE"u8) >= 0)
        {
            return double.TryParse(number, System.Globalization.CultureInfo.InvariantCulture, out var d) && Math.Floor(d) == d && !double.IsInfinity(d);
        }

        var dot = number.IndexOf((byte)'.');
        return dot < 0 || number[(dot + 1)..].TrimEnd((byte)'0').IsEmpty;
    }

    private static ReadOnlySpan<byte> Raw(ref Utf8JsonReader reader) => reader.ValueSpan;

    private static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string Describe(JsonTypes types) => types switch
    {
        JsonTypes.Number => "number",
        _ => string.Join(" or ", Enum.GetValues<JsonTypes>()
            .Where(t => t is not (JsonTypes.None or JsonTypes.Number) && types.HasFlag(t))
            .Select(t => t.ToString().ToLowerInvariant())
            .DefaultIfEmpty("number")),
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";

    private void Add(string keyword, string message)
    {
        _recordFailed = true;
        if (!violations.Full)
        {
            violations.Add(_path.Pointer(), keyword, message);
        }
    }
}
