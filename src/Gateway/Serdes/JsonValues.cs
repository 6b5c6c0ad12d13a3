using System.Text.Json;

namespace Gateway.Serdes;

/// <summary>Reads a record's value as a JSON document, reporting a value that is not JSON as a violation of the whole value.</summary>
internal static class JsonValues
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static JsonDocument? Parse(ReadOnlyMemory<byte> json, ViolationSink violations)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            violations.Add("", "json", $"the value is not JSON: {e.Message}");
            return null;
        }
    }

    /// <summary>A string of the value holds an escape that is no Unicode text (a lone surrogate).</summary>
    public static bool Unreadable(ViolationSink violations, InvalidOperationException e)
    {
        violations.Add("", "json", $"the value holds a string that is not valid Unicode: {e.Message}");
        return false;
    }
}
