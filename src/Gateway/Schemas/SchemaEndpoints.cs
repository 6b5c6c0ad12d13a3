using Gateway.Http;
using Gateway.Security;

namespace Gateway.Schemas;

/// <summary>
/// <c>GET /schemas</c> lists the bindings; <c>GET /schemas/{topic}</c> returns the schema bound to a topic. A caller
/// sees the bindings of topics it may produce to or read, and pattern bindings only with the admin view;
/// a topic it may not see answers as an unbound one.
/// </summary>
internal static class SchemaEndpoints
{
    public static IEndpointRouteBuilder MapSchemas(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/schemas").WithTags("Schemas");
        group.MapGet("/", ListBindings).WithName("ListSchemaBindings")
            .WithSummary("The schema bindings: topic or pattern, schema file, dead-letter topic");
        group.MapGet("/{topic}", GetSchema).WithName("GetTopicSchema")
            .WithSummary("The JSON Schema every value produced to this topic must match")
            .Produces<string>(StatusCodes.Status200OK, "application/schema+json")
            .ProducesKafkaErrors(StatusCodes.Status404NotFound)
            .RequireTopicVisibility("topic", ErrorCatalog.NoSchemaBound);
        return endpoints;
    }

    private static KafkaJsonResult<SchemaBindingsResponse> ListBindings(HttpContext context, TopicSchemas schemas) =>
        new(new SchemaBindingsResponse(
                schemas.Options.UnboundTopics.ToString(),
                schemas.All.Where(b => b.IsExact ? context.Caller().MaySee(b.Covers) : context.Caller().May(Permission.Admin, Caller.ClusterResource))
                .Select(b => new SchemaBindingResponse(b.Name)
                {
                    Topic = b.IsExact ? b.Covers : null,
                    Pattern = b.IsExact ? null : b.Covers,
                    Schema = b.SchemaFile,
                    DeadLetterTopic = b.DeadLetterTopic,
                    ValidateBinaryPayloads = b.ValidatesBinaryPayloads,
                }).ToArray()),
            KafkaRestJson.Context.SchemaBindingsResponse);

    private static IResult GetSchema(string topic, TopicSchemas schemas) =>
        schemas.Find(topic) is { } binding
            ? Results.Text(binding.SchemaText, "application/schema+json")
            : new ErrorResult(ErrorCatalog.NoSchemaBound(topic));
}
