using Gateway.Hosting;
using System.Text.Json;
using Gateway.Errors;
using Gateway.Kafka;
using Gateway.Produce;

namespace Gateway.Schemas;

/// <summary>
/// The atomic answer to a batch with invalid records: 422 in kafka-rest's envelope, plus every violation
/// (<c>errors</c>) and, with a dead-letter topic, where each rejected record was written (<c>dead_lettered</c>).
/// </summary>
internal sealed class SchemaMismatchResult(string topic, SchemaCheck check, int total, DeliveryOutcome[]? deadLetters) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var error = ErrorCatalog.SchemaMismatch(topic, check.Binding.Name, check.InvalidCount, total,
            SchemaViolationJson.Describe(check.Violations[0]));
        var response = httpContext.Response;
        response.StatusCode = error.Status;
        response.ContentType = MediaTypes.KafkaV2Json;
        await using var writer = new Utf8JsonWriter(response.BodyWriter, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteNumber("error_code"u8, error.Code);
        writer.WriteString("message"u8, error.Message);
        writer.WritePropertyName("errors"u8);
        SchemaViolationJson.WriteArray(writer, check.Violations);
        if (deadLetters is not null)
        {
            writer.WriteStartArray("dead_lettered"u8);
            for (var i = 0; i < total; i++)
            {
                if (check.IsInvalid(i))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("record"u8, i);
                    DeadLetterJson.WriteFields(writer, check.Binding.DeadLetterTopic!, deadLetters[i]);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}

internal static class DeadLetterJson
{
    /// <summary>Where a rejected record went: topic, partition and offset, or why it could not be written.</summary>
    public static void WriteFields(Utf8JsonWriter writer, string topic, DeliveryOutcome outcome)
    {
        writer.WriteString("topic"u8, topic);
        ProduceResult.WriteOutcome(writer, outcome);
    }
}
