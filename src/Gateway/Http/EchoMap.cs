using System.Text.Json;

namespace Gateway.Http;

/// <summary>What kafka-rest's <c>POST /</c> reads: a map of strings (scalars are taken as their text).</summary>
internal static class EchoMap
{
    /// <summary>Why the body is not such a map, or null when it is (or is empty).</summary>
    public static GatewayError? Problem(ReadOnlySpan<byte> body)
    {
        if (body.TrimStart(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(body);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new GatewayError(422, 422, "The request body must be a JSON object of string values.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                reader.Read();
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    return new GatewayError(422, 422, "The request body must be a JSON object of string values; a value is an object or array.");
                }
            }

            return reader.Read() ? ErrorCatalog.MalformedJson("content after the end of the object.") : null;
        }
        catch (JsonException e)
        {
            return ErrorCatalog.MalformedJson(e.Message);
        }
    }
}
