using Gateway.Http;

namespace Gateway.Consume.Requests;

/// <summary>Reads a consumer request's body: small, in one of the accepted media types, a JSON object.</summary>
internal static class ConsumeBodies
{
    /// <summary>Consumer bodies list topics and partitions; a megabyte is far more than any needs.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The body's object, or null when the request has none.</summary>
    public static async Task<(JsonBody? Body, GatewayError? Error)> ReadAsync(HttpRequest request, string type)
    {
        var (body, error) = await RequestBody.ReadAsync(request, MaxBodyBytes);
        if (error is not null)
        {
            return (null, error);
        }

        using (body)
        {
            if (body!.Span.Trim(" \t\r\n"u8).IsEmpty)
            {
                return (null, null);
            }

            return ConsumeMedia.CheckBodyType(request.ContentType) is { } mediaError
                ? (null, mediaError)
                : JsonBody.Parse(body.Span, type);
        }
    }

    /// <summary>The body's object; 422 when there is none.</summary>
    public static async Task<(JsonBody? Body, GatewayError? Error)> ReadRequiredAsync(HttpRequest request, string type)
    {
        var (body, error) = await ReadAsync(request, type);
        return error is null && body is null ? (null, ErrorCatalog.EmptyBody()) : (body, error);
    }
}
