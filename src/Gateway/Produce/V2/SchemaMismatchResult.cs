using System.Reflection;
using System.Text.Json;
using Gateway.Http;
using Gateway.Kafka;
using Gateway.Schemas;
using Microsoft.AspNetCore.Http.Metadata;

namespace Gateway.Produce.V2;

/// <summary>
/// The atomic answer to a batch with invalid records: 422 in kafka-rest's envelope, plus every violation
/// (<c>errors</c>) and, with a dead-letter topic, where each rejected record was written (<c>dead_lettered</c>).
/// </summary>
internal sealed class SchemaMismatchResult(string topic, SchemaCheck check, int total, DeliveryOutcome[]? deadLetters)
    : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var error = ErrorCatalog.SchemaMismatch(topic, check.Binding.Name, check.InvalidCount, total, check.Violations[0].Describe());
        var response = httpContext.Response;
        response.StatusCode = error.Status;
        response.ContentType = MediaTypes.KafkaV2Json;
        var answer = new SchemaMismatchResponse(error.Code, error.Message, check.Violations)
        {
            DeadLettered = deadLetters is null
                ? null
                : Enumerable.Range(0, total).Where(check.IsInvalid).Select(i =>
                {
                    var letter = ProduceResult.DeadLetter(check.Binding.DeadLetterTopic!, deadLetters[i]);
                    return new DeadLetteredRecord(i, letter.Topic, letter.Partition, letter.Offset, letter.ErrorCode, letter.Error);
                }).ToArray(),
        };
        return JsonSerializer.SerializeAsync(response.Body, answer, KafkaRestJson.Context.SchemaMismatchResponse, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status422UnprocessableEntity, typeof(SchemaMismatchResponse), [MediaTypes.KafkaV2Json]));
}
