using System.Globalization;
using System.Text.Json;

namespace Gateway.Http;

/// <summary>Writes a <see cref="GatewayError"/> as kafka-rest's <c>{"error_code":..,"message":..}</c>.</summary>
internal sealed class ErrorResult(GatewayError error, string contentType = MediaTypes.KafkaV2Json) : IResult
{
    public GatewayError Error { get; } = error;

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext.Response, Error, contentType);

    public static Task WriteAsync(HttpResponse response, GatewayError error) => WriteAsync(response, error, MediaTypes.KafkaV2Json);

    /// <summary>The envelope in another media type (kafka-rest v3 answers <c>application/json</c>).</summary>
    public static Task WriteAsync(HttpResponse response, GatewayError error, string contentType)
    {
        response.StatusCode = error.Status;
        response.ContentType = contentType;
        if (error.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return JsonSerializer.SerializeAsync(
            response.Body, new ErrorDocument(error.Code, error.Message) { Errors = error.Violations }, KafkaRestJson.Context.ErrorDocument,
            response.HttpContext.RequestAborted);
    }
}
