using Microsoft.Net.Http.Headers;

namespace Gateway.Http;

/// <summary>
/// Picks the embedded format from <c>Content-Type</c> and checks that the client accepts a
/// kafka-rest v2 answer, the way kafka-rest negotiates them.
/// </summary>
internal static class ContentNegotiation
{
    private static readonly string[] AcceptableAnswers =
        [MediaTypes.KafkaV2Json, MediaTypes.KafkaJson, MediaTypes.Json];

    public static bool AcceptsKafkaAnswer(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParseList([accept], out var ranges))
        {
            return false;
        }

        foreach (var range in ranges)
        {
            if (range.Quality is 0)
            {
                continue;
            }

            var mediaType = range.MediaType.Value ?? "";
            if (mediaType is "*/*" or "application/*"
                || AcceptableAnswers.Any(t => string.Equals(t, mediaType, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    public static GatewayError? TryGetFormat(string? contentType, out EmbeddedFormat format)
    {
        format = EmbeddedFormat.Json;
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return ErrorCatalog.UnsupportedMediaType(contentType);
        }

        var mediaType = parsed.MediaType.Value ?? "";
        if (Is(mediaType, MediaTypes.JsonV2) || Is(mediaType, MediaTypes.Json))
        {
            return null;
        }

        if (Is(mediaType, MediaTypes.BinaryV2))
        {
            format = EmbeddedFormat.Binary;
            return null;
        }

        (var known, format) = mediaType switch
        {
            _ when Is(mediaType, MediaTypes.AvroV2) => (true, EmbeddedFormat.Avro),
            _ when Is(mediaType, MediaTypes.JsonSchemaV2) => (true, EmbeddedFormat.JsonSchema),
            _ when Is(mediaType, MediaTypes.ProtobufV2) => (true, EmbeddedFormat.Protobuf),
            _ => (false, EmbeddedFormat.Json),
        };
        if (known)
        {
            return null;
        }

        return ErrorCatalog.UnsupportedMediaType(contentType);
    }

    private static bool Is(string mediaType, string expected) =>
        string.Equals(mediaType, expected, StringComparison.OrdinalIgnoreCase);
}
