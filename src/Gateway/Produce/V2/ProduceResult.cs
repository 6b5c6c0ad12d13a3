using System.Reflection;
using System.Text.Json;
using Gateway.Http;
using Gateway.Kafka;
using Gateway.Reliability;
using Microsoft.AspNetCore.Http.Metadata;

namespace Gateway.Produce.V2;

/// <summary>
/// kafka-rest's v2 produce answer, nulls written out and fields in kafka-rest's order:
/// <c>{"offsets":[{"partition":0,"offset":0,"error_code":null,"error":null}],"key_schema_id":null,"value_schema_id":null}</c>.
/// 200, or 401 / 403 when a record failed authentication or authorization, as in kafka-rest.
/// </summary>
internal sealed class ProduceResult(FlowResult result, int? keySchemaId = null, int? valueSchemaId = null) : IResult, IEndpointMetadataProvider, IRememberedAnswer
{
    public FlowResult Result { get; } = result;

    /// <summary>The ids of the schemas the keys and values were written under (avro, jsonschema and protobuf formats).</summary>
    public (int? Key, int? Value) SchemaIds { get; } = (keySchemaId, valueSchemaId);

    public long ApproximateBytes =>
        Outcomes(Result.Outcomes) + Outcomes(Result.DeadLetters)
        + (Result.Check?.Violations.Sum(v => v.ApproximateBytes) ?? 0);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = RecordErrorCodes.StatusFor(Result.Outcomes);
        response.ContentType = MediaTypes.KafkaV2Json;
        if (Result.Outcomes.Any(o => o.Error is not null && RecordErrorCodes.For(o) == RecordErrorCodes.Retriable))
        {
            // Some records can be sent again: say when, as a 503 would.
            response.Headers.RetryAfter = "1";
        }

        return JsonSerializer.SerializeAsync(response.Body, ToResponse(Result, SchemaIds.Key, SchemaIds.Value), KafkaRestJson.Context.ProduceResponse, httpContext.RequestAborted);
    }

    private static long Outcomes(DeliveryOutcome[]? outcomes) =>
        outcomes?.Sum(o => 64L + 2L * (o.Error?.Reason.Length ?? 0)) ?? 0;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        foreach (var status in new[] { StatusCodes.Status200OK, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden })
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProduceResponse), [MediaTypes.KafkaV2Json]));
        }
    }

    public static ProduceResponse ToResponse(FlowResult result, int? keySchemaId = null, int? valueSchemaId = null)
    {
        var offsets = new PartitionOffset[result.Outcomes.Length];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = result.Check?.IsInvalid(i) == true
                ? Rejected(result.Check, i, result.DeadLetters?[i])
                : Offset(result.Outcomes[i]);
        }

        return new ProduceResponse(offsets, keySchemaId, valueSchemaId);
    }

    /// <summary>kafka-rest's partition offset fields: where a record was stored, or its error code and why.</summary>
    public static PartitionOffset Offset(DeliveryOutcome outcome) => outcome.Error is { } error
        ? new PartitionOffset(null, null, RecordErrorCodes.For(outcome), error.Reason)
        : new PartitionOffset(outcome.Partition, outcome.Offset, null, null);

    public static DeadLetterOffset DeadLetter(string topic, DeliveryOutcome outcome)
    {
        var offset = Offset(outcome);
        return new DeadLetterOffset(topic, offset.Partition, offset.Offset, offset.ErrorCode, offset.Error);
    }

    private static PartitionOffset Rejected(Schemas.SchemaCheck check, int record, DeliveryOutcome? deadLetter)
    {
        var violations = check.ViolationsOf(record);
        var message = violations.Count > 0
            ? $"Does not match the schema of {check.Binding.Name}: {violations[0].Describe()}"
            : $"Does not match the schema of {check.Binding.Name} (its violations are past the reported limit).";
        return new PartitionOffset(null, null, ErrorCatalog.SchemaMismatchCode, message)
        {
            Errors = violations,
            DeadLetter = deadLetter is { } letter ? DeadLetter(check.Binding.DeadLetterTopic!, letter) : null,
        };
    }
}
