using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Gateway.Errors;

namespace Gateway.Produce;

/// <summary>A kafka-rest v2 produce request, as documented in OpenAPI.</summary>
internal sealed record ProduceRequestDocument(
    [property: JsonPropertyName("records")] IReadOnlyList<ProduceRecordDocument> Records);

/// <summary>One record: key and value are any JSON (json format) or base64 strings (binary format).</summary>
internal sealed record ProduceRecordDocument(
    [property: JsonPropertyName("key")] JsonNode? Key,
    [property: JsonPropertyName("value")] JsonNode? Value,
    [property: JsonPropertyName("partition")] int? Partition);

/// <summary>kafka-rest v2 produce answer: one entry per record, in request order.</summary>
internal sealed record ProduceResponseDocument(
    [property: JsonPropertyName("offsets")] IReadOnlyList<PartitionOffsetDocument> Offsets,
    [property: JsonPropertyName("key_schema_id")] int? KeySchemaId,
    [property: JsonPropertyName("value_schema_id")] int? ValueSchemaId);

/// <summary>Where a record was stored, or kafka-rest's error code (40101, 40301, 50002, 50003) and why not.</summary>
internal sealed record PartitionOffsetDocument(
    [property: JsonPropertyName("partition")] int? Partition,
    [property: JsonPropertyName("offset")] long? Offset,
    [property: JsonPropertyName("error_code")] int? ErrorCode,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>kafka-rest's error envelope.</summary>
internal sealed record ErrorDocument(
    [property: JsonPropertyName("error_code")] int ErrorCode,
    [property: JsonPropertyName("message")] string Message);

internal static class ProduceDocumentation
{
    /// <summary>
    /// Answers for OpenAPI. The request body is described by the OpenAPI filter rather than by
    /// <c>Accepts</c> metadata, which would make routing answer an unsupported media type itself,
    /// without the kafka-rest envelope.
    /// </summary>
    public static RouteHandlerBuilder WithProduceDocumentation(this RouteHandlerBuilder builder) =>
        builder
            .Produces<ProduceResponseDocument>(StatusCodes.Status200OK, MediaTypes.KafkaV2Json)
            .Produces<ErrorDocument>(StatusCodes.Status400BadRequest, MediaTypes.KafkaV2Json)
            .Produces<ErrorDocument>(StatusCodes.Status404NotFound, MediaTypes.KafkaV2Json)
            .Produces<ErrorDocument>(StatusCodes.Status406NotAcceptable, MediaTypes.KafkaV2Json)
            .Produces<ErrorDocument>(StatusCodes.Status413PayloadTooLarge, MediaTypes.KafkaV2Json)
            .Produces<ErrorDocument>(StatusCodes.Status415UnsupportedMediaType, MediaTypes.KafkaV2Json)
            .Produces<ErrorDocument>(StatusCodes.Status422UnprocessableEntity, MediaTypes.KafkaV2Json)
            .Produces<ErrorDocument>(StatusCodes.Status503ServiceUnavailable, MediaTypes.KafkaV2Json);
}
