using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Http;

namespace Gateway.Produce.V3;

internal static partial class RecordParserV3
{
    private static GatewayError? ReadHeaders(ref Utf8JsonReader reader, RecordV3 record)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return ErrorCatalog.WrongType("headers", "array of {name, value}");
        }

        record.Headers = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return ErrorCatalog.WrongType($"headers[{record.Headers.Count}]", "ProduceRequestHeader");
            }

            string? name = null;
            byte[]? value = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("name"u8);
                if (!isName && !reader.ValueTextEquals("value"u8))
                {
                    return new GatewayError(400, 400, $"Unrecognized field \"{reader.GetString()}\" in a header: it has name and value.");
                }

                reader.Read();
                if (ReadString(ref reader, isName ? "headers.name" : "headers.value", out var text) is { } error)
                {
                    return error;
                }

                if (isName)
                {
                    name = text;
                }
                else if (text is not null && (value = Base64Data.Decode(Encoding.UTF8.GetBytes(text))) is null)
                {
                    return new GatewayError(400, 400, $"Bad Request: header value \"{Shorten(text)}\" is not a valid base64 string.");
                }
            }

            if (name is null)
            {
                return new GatewayError(400, 400, "A header needs a name.");
            }

            // A header without a value is a Kafka header with a null value.
            record.Headers.Add(new(name, value!));
        }

        return null;
    }

    private static GatewayError? ReadTimestamp(ref Utf8JsonReader reader, RecordV3 record)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.String
            && reader.GetString() is { } text && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            record.Timestamp = instant;
            return null;
        }

        reader.Skip();
        return new GatewayError(400, 400, "Cannot deserialize value of type `java.time.Instant` for field 'timestamp': use an ISO-8601 date-time such as \"2026-01-01T00:00:00Z\".");
    }
}
