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
        return app;
    }
}
