using Gateway.Http;
using Microsoft.OpenApi;

namespace Gateway.Hosting;

internal static class OpenApi
{
    /// <summary>The OpenAPI document; each feature adds its own examples and filters.</summary>
    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Gateway",
                Version = "v1",
                Description = "Kafka REST v2 produce gateway. Records are validated and produced to Kafka with acks=all; "
                    + "the answer comes once Kafka has acknowledged every record.",
            });
        });
        return services;
    }

    /// <summary>Swagger UI at <c>/swagger</c>, its assets served from the package, no CDN.</summary>
    public static WebApplication MapGatewayOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.DocumentTitle = "Gateway");
        return app;
    }

    /// <summary>kafka-rest's root: <c>GET /</c> answers <c>{}</c>.</summary>
    public static WebApplication MapRoot(this WebApplication app)
    {
        app.MapGet("/", () => Results.Text("{}", MediaTypes.KafkaV2Json)).ExcludeFromDescription();
        app.MapPost("/", EchoAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// kafka-rest's <c>POST /</c>, a test that the server reads a request: a JSON object of scalar values
    /// (or no body) is answered <c>{}</c>; any other JSON is 422, malformed JSON 400.
    /// </summary>
    private static async Task<IResult> EchoAsync(HttpRequest request)
    {
        if (!ContentNegotiation.AcceptsKafkaAnswer(request.Headers.Accept))
        {
            return new ErrorResult(ErrorCatalog.NotAcceptable(request.Headers.Accept));
        }

        if (request.ContentType is { Length: > 0 } contentType
            && !(Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
                && string.Equals(parsed.MediaType.Value, MediaTypes.KafkaV2Json, StringComparison.OrdinalIgnoreCase)))
        {
            return new ErrorResult(ErrorCatalog.UnsupportedMediaType(contentType));
        }

        var (body, error) = await RequestBody.ReadAsync(request, 1024 * 1024);
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        using (body)
        {
            return EchoMap.Problem(body!.Span) is { } problem ? new ErrorResult(problem) : Results.Text("{}", MediaTypes.KafkaV2Json);
        }
    }
}
