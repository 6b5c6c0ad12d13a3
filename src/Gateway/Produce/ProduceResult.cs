using Gateway.Hosting;
using System.Text.Json;
using Gateway.Errors;
using Gateway.Kafka;
using Gateway.Schemas;

namespace Gateway.Produce;

/// <summary>
/// kafka-rest's v2 produce answer, nulls written out and fields in kafka-rest's order:
/// <c>{"offsets":[{"partition":0,"offset":0,"error_code":null,"error":null}],"key_schema_id":null,"value_schema_id":null}</c>.
/// In partial validation mode a record that does not match the schema gets error code 42210 with its
/// violations (<c>errors</c>) and, with a dead-letter topic, where it was written (<c>dead_letter</c>).
/// </summary>
internal sealed class ProduceResult(DeliveryOutcome[] outcomes, SchemaCheck? check = null, DeliveryOutcome[]? deadLetters = null) : IResult
{
    public DeliveryOutcome[] Outcomes { get; } = outcomes;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = RecordErrorCodes.StatusFor(Outcomes);
        response.ContentType = MediaTypes.KafkaV2Json;
        if (Outcomes.Any(o => o.Error is { } error && RecordErrorCodes.For(error) == RecordErrorCodes.Retriable))
        {
            // Some records can be sent again: say when, as a 503 would.
            response.Headers.RetryAfter = "1";
        }

        await using var writer = new Utf8JsonWriter(response.BodyWriter, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteStartArray("offsets"u8);
        for (var i = 0; i < Outcomes.Length; i++)
        {
            if (check?.IsInvalid(i) == true)
            {
                WriteRejected(writer, check, i, deadLetters?[i]);
            }
            else
            {
                WriteOffset(writer, Outcomes[i]);
            }
        }

        writer.WriteEndArray();
        writer.WriteNull("key_schema_id"u8);
        writer.WriteNull("value_schema_id"u8);
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private static void WriteOffset(Utf8JsonWriter writer, DeliveryOutcome outcome)
    {
        writer.WriteStartObject();
        WriteOutcome(writer, outcome);
        writer.WriteEndObject();
    }

    /// <summary>kafka-rest's partition offset fields: where a record was stored, or its error code and why.</summary>
    public static void WriteOutcome(Utf8JsonWriter writer, DeliveryOutcome outcome)
    {
        if (outcome.Error is { } error)
        {
            writer.WriteNull("partition"u8);
            writer.WriteNull("offset"u8);
            writer.WriteNumber("error_code"u8, RecordErrorCodes.For(error));
            writer.WriteString("error"u8, error.Reason);
        }
        else
        {
            writer.WriteNumber("partition"u8, outcome.Partition);
            writer.WriteNumber("offset"u8, outcome.Offset);
            writer.WriteNull("error_code"u8);
            writer.WriteNull("error"u8);
        }
    }

    private static void WriteRejected(Utf8JsonWriter writer, SchemaCheck check, int record, DeliveryOutcome? deadLetter)
    {
        var violations = check.ViolationsOf(record);
        writer.WriteStartObject();
        writer.WriteNull("partition"u8);
        writer.WriteNull("offset"u8);
        writer.WriteNumber("error_code"u8, ErrorCatalog.SchemaMismatchCode);
        writer.WriteString("error"u8, violations.Count > 0
            ? $"Does not match the schema of {check.Binding.Name}: {SchemaViolationJson.Describe(violations[0])}"
            : $"Does not match the schema of {check.Binding.Name} (its violations are past the reported limit).");
        writer.WritePropertyName("errors"u8);
        SchemaViolationJson.WriteArray(writer, violations);
        if (deadLetter is { } letter)
        {
            writer.WriteStartObject("dead_letter"u8);
            DeadLetterJson.WriteFields(writer, check.Binding.DeadLetterTopic!, letter);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
