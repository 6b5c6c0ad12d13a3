using System.Text.Json;
using Gateway.Errors;
using Gateway.Hosting;
using Gateway.Produce;

namespace Gateway.Schemas;

/// <summary><c>GET /schemas</c> lists the bindings; <c>GET /schemas/{topic}</c> returns the schema bound to a topic.</summary>
internal static class SchemaEndpoints
{
    public static IServiceCollection AddSchemas(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SchemaOptions, SchemaOptionsValidator>(configuration, SchemaOptions.Section);
        services.AddSingleton<TopicSchemas>();
        services.AddSingleton<DeadLetters>();
        return services;
    }

    public static IEndpointRouteBuilder MapSchemas(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/schemas").WithTags("Schemas");
        group.MapGet("/", ListBindings).WithName("ListSchemaBindings").WithSummary("The schema bindings: topic or pattern, schema file, dead-letter topic");
        group.MapGet("/{topic}", GetSchema).WithName("GetTopicSchema").WithSummary("The JSON Schema every value produced to this topic must match");
        return endpoints;
    }

    private static async Task ListBindings(HttpContext context, TopicSchemas schemas)
    {
        context.Response.ContentType = MediaTypes.Json;
        await using var writer = new Utf8JsonWriter(context.Response.Body, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteString("unbound_topics"u8, schemas.Options.UnboundTopics.ToString());
        writer.WriteStartArray("bindings"u8);
        foreach (var binding in schemas.All)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, binding.Name);
            writer.WriteString(binding.IsExact ? "topic"u8 : "pattern"u8, binding.Covers);
            writer.WriteString("schema"u8, binding.SchemaFile);
            writer.WriteString("dead_letter_topic"u8, binding.DeadLetterTopic);
            writer.WriteBoolean("binary_payload_is_json"u8, binding.BinaryPayloadIsJson);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static IResult GetSchema(string topic, TopicSchemas schemas) =>
        schemas.Find(topic) is { } binding
            ? Results.Text(binding.SchemaText, "application/schema+json")
            : new ErrorResult(ErrorCatalog.NoSchemaBound(topic));
}
