using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace Gateway.Http;

/// <summary>An answer in <c>application/vnd.kafka.v2+json</c> (unless told otherwise), serialized by source-generated code.</summary>
internal sealed class KafkaJsonResult<T>(T value, JsonTypeInfo<T> typeInfo, int status = StatusCodes.Status200OK, string contentType = MediaTypes.KafkaV2Json)
    : IResult, IEndpointMetadataProvider
{
    public T Value { get; } = value;

    public int Status { get; } = status;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        httpContext.Response.ContentType = contentType;
        return JsonSerializer.SerializeAsync(httpContext.Response.Body, Value, typeInfo, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), [MediaTypes.KafkaV2Json]));
}
