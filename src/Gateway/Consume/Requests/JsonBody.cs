using System.Globalization;
using System.Text.Json;
using Gateway.Http;

namespace Gateway.Consume.Requests;

/// <summary>
/// Reads a consumer request body field by field, failing as kafka-rest's Jackson does: malformed JSON
/// 400, an unknown field 422 <c>Unrecognized field</c>, a field of the wrong type 400. Scalars are
/// coerced as Jackson coerces them (a number or boolean where a string is expected, a numeric string
/// where a number is). The first problem met is kept in <see cref="Error"/>; later reads return null.
/// </summary>
internal sealed class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };
    private readonly JsonElement _object;
    private readonly string _path;
    private readonly Problems _problems;

    private JsonBody(JsonElement element, string path, Problems problems)
    {
        _object = element;
        _path = path;
        _problems = problems;
    }

    /// <summary>The first problem found in the body, or null.</summary>
    public GatewayError? Error => _problems.First;

    /// <summary>The body's top-level object; null (and no error) when the body is empty or <c>null</c>.</summary>
    public static (JsonBody? Body, GatewayError? Error) Parse(ReadOnlySpan<byte> body, string type)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), Options);
            var root = document.RootElement.Clone();
            return root.ValueKind switch
            {
                JsonValueKind.Null => (null, null),
                JsonValueKind.Object => (new JsonBody(root, "", new Problems()), null),
                _ => (null, ErrorCatalog.WrongType("(body)", type)),
            };
        }
        catch (JsonException e)
        {
            return (null, ErrorCatalog.MalformedJson(e.Message));
        }
    }

    /// <summary>Fails on the first member not in <paramref name="known"/>, as kafka-rest's 422.</summary>
    public void OnlyFields(params string[] known)
    {
        foreach (var member in _object.EnumerateObject())
        {
            if (!known.Contains(member.Name, StringComparer.Ordinal))
            {
                Fail(ErrorCatalog.UnrecognizedField(member.Name));
                return;
            }
        }
    }

    public string? String(string name)
    {
        if (!Present(name, out var element))
        {
            return null;
        }

        var value = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            _ => null,
        };
        return value ?? Fail<string>(ErrorCatalog.WrongType(Path(name), "String"));
    }

    public long? Long(string name)
    {
        if (!Present(name, out var element))
        {
            return null;
        }

        if ((element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var number))
            || (element.ValueKind == JsonValueKind.String && long.TryParse(element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number)))
        {
            return number;
        }

        Fail(ErrorCatalog.WrongType(Path(name), "long"));
        return null;
    }

    public int? Int(string name)
    {
        var number = Long(name);
        if (number is { } n and (< int.MinValue or > int.MaxValue))
        {
            Fail(ErrorCatalog.WrongType(Path(name), "int"));
            return null;
        }

        return (int?)number;
    }

    /// <summary>A list of strings; null when absent or <c>null</c>.</summary>
    public List<string>? Strings(string name)
    {
        if (!Present(name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return Fail<List<string>>(ErrorCatalog.WrongType(Path(name), "List<String>"));
        }

        var values = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return Fail<List<string>>(ErrorCatalog.WrongType($"{Path(name)}[{values.Count}]", "String"));
            }

            values.Add(item.GetString()!);
        }

        return values;
    }

    /// <summary>A list of objects, each read by <paramref name="read"/>; null when absent, <c>null</c> or failed.</summary>
    public List<T>? Objects<T>(string name, Func<JsonBody, T?> read)
        where T : class
    {
        if (!Present(name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return Fail<List<T>>(ErrorCatalog.WrongType(Path(name), "List"));
        }

        var items = new List<T>();
        foreach (var item in element.EnumerateArray())
        {
            var path = $"{Path(name)}[{items.Count}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return Fail<List<T>>(ErrorCatalog.WrongType(path, "Object"));
            }

            if (read(new JsonBody(item, path, _problems)) is not { } value || Error is not null)
            {
                return null;
            }

            items.Add(value);
        }

        return items;
    }

    public string Path(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    /// <summary>Keeps <paramref name="error"/> unless an earlier problem was found.</summary>
    public void Fail(GatewayError error) => _problems.First ??= error;

    private T? Fail<T>(GatewayError error)
        where T : class
    {
        Fail(error);
        return null;
    }

    private bool Present(string name, out JsonElement element) =>
        _object.TryGetProperty(name, out element) && element.ValueKind != JsonValueKind.Null && Error is null;

    private sealed class Problems
    {
        public GatewayError? First { get; set; }
    }
}
