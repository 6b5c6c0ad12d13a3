using System.Text.Json.Nodes;
using Gateway.Produce;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Hosting;

internal static class OpenApi
{
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
            options.OperationFilter<ProduceExamplesFilter>();
            options.DocumentFilter<Schemas.SchemaDocumentFilter>();
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

    /// <summary>Describes the produce request body in each media type, with a pin, geo, user and binary example.</summary>
    private sealed class ProduceExamplesFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (operation.Tags?.Any(t => t.Name == "Produce") != true)
            {
                return;
            }

            var schema = context.SchemaGenerator.GenerateSchema(typeof(ProduceRequestDocument), context.SchemaRepository);
            var rows = new Dictionary<string, IOpenApiExample>
            {
                ["pin"] = Example("A pin row", OpenApiExamples.Pin),
                ["geo"] = Example("A geo row", OpenApiExamples.Geo),
                ["user"] = Example("A user row", OpenApiExamples.User),
            };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [MediaTypes.JsonV2] = new() { Schema = schema, Examples = rows },
                    [MediaTypes.BinaryV2] = new()
                    {
                        Schema = schema,
                        Examples = new Dictionary<string, IOpenApiExample> { ["binary"] = Example("Base64 key and value", OpenApiExamples.Binary) },
                    },
                    [MediaTypes.Json] = new() { Schema = schema, Examples = rows },
                },
            };
        }

        private static OpenApiExample Example(string summary, string body) =>
            new() { Summary = summary, Value = JsonNode.Parse(body) };
    }
}
