using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gateway.Http;
using Gateway.Observability;

namespace Gateway.Registry.Api;

/// <summary>A registry answer in the media type the client accepts (Confluent's <c>application/vnd.schemaregistry.v1+json</c> by default).</summary>
internal sealed class RegistryJsonResult<T>(T value, JsonTypeInfo<T> typeInfo) : IResult
{
    public T Value { get; } = value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = RegistryMediaTypes.Answer(httpContext);
        return JsonSerializer.SerializeAsync(httpContext.Response.Body, Value, typeInfo, httpContext.RequestAborted);
    }
}

/// <summary>A registry refusal in Confluent's envelope <c>{"error_code":..,"message":..}</c>, counted in /metrics.</summary>
internal sealed class RegistryErrorResult(GatewayError error) : IResult
{
    public GatewayError Error { get; } = error;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        RegistryMetrics.Refused(Error.Code);
        var response = httpContext.Response;
        response.StatusCode = Error.Status;
        response.ContentType = RegistryMediaTypes.Answer(httpContext);
        return JsonSerializer.SerializeAsync(response.Body, new ErrorDocument(Error.Code, Error.Message), KafkaRestJson.Context.ErrorDocument, httpContext.RequestAborted);
    }
}

/// <summary>A schema text exactly as stored (<c>/schema</c> routes): JSON for AVRO and JSON schemas, .proto text for PROTOBUF.</summary>
internal sealed class RawSchemaResult(string schema) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = RegistryMediaTypes.Answer(httpContext);
        return httpContext.Response.WriteAsync(schema, httpContext.RequestAborted);
    }
}

internal static class Answers
{
    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo) => new RegistryJsonResult<T>(value, typeInfo);

    public static IResult Error(GatewayError error) => new RegistryErrorResult(error);
}
