using Gateway.Hosting;
using System.Text.Json;
using Gateway.Produce;

namespace Gateway.Errors;

/// <summary>Writes a <see cref="GatewayError"/> as kafka-rest's <c>{"error_code":..,"message":..}</c>.</summary>
internal sealed class ErrorResult(GatewayError error) : IResult
{
    public GatewayError Error { get; } = error;

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext.Response, Error);

    public static async Task WriteAsync(HttpResponse response, GatewayError error)
    {
        response.StatusCode = error.Status;
        response.ContentType = MediaTypes.KafkaV2Json;
        if (error.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var writer = new Utf8JsonWriter(response.BodyWriter, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteNumber("error_code"u8, error.Code);
        writer.WriteString("message"u8, error.Message);
        writer.WriteEndObject();
        await writer.FlushAsync(response.HttpContext.RequestAborted);
    }
}
