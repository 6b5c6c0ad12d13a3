using Gateway.Consume.Decoding;
using Gateway.Http;
using Microsoft.Net.Http.Headers;

namespace Gateway.Consume;

/// <summary>
/// kafka-rest's media types on the consumer endpoints: bodies in the v2 type or any embedded type;
/// answers in the v2 type; records in the embedded type the <c>Accept</c> header picks, weighted as
/// JAX-RS ranks them for kafka-rest: the client's quality first, then how exactly the range names
/// the type, then kafka-rest's weights (binary 1, v2 0.9, the others 0.1); so no <c>Accept</c> means binary.
/// <c>application/json</c> is also accepted, as the gateway accepts it on produce.
/// </summary>
internal static class ConsumeMedia
{
    private static readonly (string Type, RecordFormat Format, double Weight)[] RecordTypes =
    [
        (MediaTypes.BinaryV2, RecordFormat.Binary, 1.0),
        (MediaTypes.KafkaV2Json, RecordFormat.Binary, 0.9),
        (MediaTypes.JsonV2, RecordFormat.Json, 0.1),
        (MediaTypes.Json, RecordFormat.Json, 0.1),
        (MediaTypes.AvroV2, RecordFormat.Avro, 0.1),
        (MediaTypes.JsonSchemaV2, RecordFormat.JsonSchema, 0.1),
        (MediaTypes.ProtobufV2, RecordFormat.Protobuf, 0.1),
    ];

    private static readonly string[] BodyTypes =
        [MediaTypes.KafkaV2Json, MediaTypes.BinaryV2, MediaTypes.JsonV2, MediaTypes.AvroV2, MediaTypes.JsonSchemaV2, MediaTypes.ProtobufV2, MediaTypes.Json];

    /// <summary>True when the client accepts an answer in the v2 type (or, as kafka-rest allows, names an embedded one).</summary>
    public static bool AcceptsAnswer(string? accept) =>
        ContentNegotiation.AcceptsKafkaAnswer(accept) || RecordAnswer(accept) is not null;

    /// <summary>The format and the answer's media type a records read asks for; null when nothing acceptable is named.</summary>
    public static (RecordFormat Format, string MediaType)? RecordAnswer(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return (RecordFormat.Binary, MediaTypes.BinaryV2);
        }

        if (!MediaTypeHeaderValue.TryParseList([accept], out var ranges))
        {
            return null;
        }

        (RecordFormat Format, string MediaType)? best = null;
        var bestRank = (Quality: 0.0, Exactness: -1, Weight: 0.0);
        foreach (var range in ranges)
        {
            var quality = range.Quality ?? 1.0;
            var asked = range.MediaType.Value ?? "";
            var exactness = asked switch { "*/*" => 0, "application/*" => 1, _ => 2 };
            foreach (var (type, format, weight) in RecordTypes)
            {
                var rank = (quality, exactness, weight);
                if (quality > 0 && (exactness < 2 || string.Equals(asked, type, StringComparison.OrdinalIgnoreCase)) && rank.CompareTo(bestRank) > 0)
                {
                    bestRank = rank;
                    best = (format, type);
                }
            }
        }

        return best;
    }

    /// <summary>Why a request body's <c>Content-Type</c> is refused, or null when it is one the consumer endpoints read.</summary>
    public static GatewayError? CheckBodyType(string? contentType)
    {
        if (!string.IsNullOrWhiteSpace(contentType) && MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && BodyTypes.Any(t => string.Equals(t, parsed.MediaType.Value, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return ErrorCatalog.UnsupportedMediaType(contentType);
    }
}
