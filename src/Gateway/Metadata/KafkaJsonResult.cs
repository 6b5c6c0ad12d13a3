using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gateway.Produce;

namespace Gateway.Metadata;

/// <summary>A 200 answer in <c>application/vnd.kafka.v2+json</c>, serialized by source-generated code.</summary>
internal sealed class KafkaJsonResult<T>(T value, JsonTypeInfo<T> typeInfo) : IResult
{
    public T Value { get; } = value;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = MediaTypes.KafkaV2Json;
        await JsonSerializer.SerializeAsync(httpContext.Response.Body, Value, typeInfo, httpContext.RequestAborted);
    }
}
