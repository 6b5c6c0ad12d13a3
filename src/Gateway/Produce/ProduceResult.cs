using System.Text.Json;
using Gateway.Kafka;

namespace Gateway.Produce;

/// <summary>
/// kafka-rest's v2 produce answer, nulls written out and fields in kafka-rest's order:
/// <c>{"offsets":[{"partition":0,"offset":0,"error_code":null,"error":null}],"key_schema_id":null,"value_schema_id":null}</c>.
/// </summary>
internal sealed class ProduceResult(DeliveryOutcome[] outcomes) : IResult
{
    public DeliveryOutcome[] Outcomes { get; } = outcomes;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = RecordErrorCodes.StatusFor(Outcomes);
        response.ContentType = MediaTypes.KafkaV2Json;
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("offsets"u8);
        foreach (var outcome in Outcomes)
        {
            WriteOffset(writer, outcome);
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

        writer.WriteEndObject();
    }
}
