using System.Text.Json.Nodes;
using Gateway.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Produce.V2;

/// <summary>Describes the produce request body in each media type, with a pin, geo, user and binary example.</summary>
internal sealed class ProduceExamples : IOperationFilter
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
            ["pin"] = Example("A pin row", ProduceExampleBodies.Pin),
            ["geo"] = Example("A geo row", ProduceExampleBodies.Geo),
            ["user"] = Example("A user row", ProduceExampleBodies.User),
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
                    Examples = new Dictionary<string, IOpenApiExample> { ["binary"] = Example("Base64 key and value", ProduceExampleBodies.Binary) },
                },
                [MediaTypes.Json] = new() { Schema = schema, Examples = rows },
                [MediaTypes.AvroV2] = Single(schema, "Avro records under a raw schema", ProduceExampleBodies.Avro),
                [MediaTypes.JsonSchemaV2] = Single(schema, "JSON Schema records under a raw schema", ProduceExampleBodies.JsonSchema),
                [MediaTypes.ProtobufV2] = Single(schema, "Protobuf records under a raw schema", ProduceExampleBodies.Protobuf),
            },
        };
    }

    private static OpenApiMediaType Single(IOpenApiSchema schema, string summary, string body) =>
        new() { Schema = schema, Examples = new Dictionary<string, IOpenApiExample> { ["example"] = Example(summary, body) } };

    private static OpenApiExample Example(string summary, string body) =>
        new() { Summary = summary, Value = JsonNode.Parse(body) };
}
