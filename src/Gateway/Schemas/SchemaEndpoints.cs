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
            .WithSummary("The schema every value produced to this topic must match: its file, or its registry subject's schema")
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
                    Subject = b.Subject,
                    Version = b.PinnedVersion,
                    SchemaId = b.PinnedId,
                    DeadLetterTopic = b.DeadLetterTopic,
                    ValidateBinaryPayloads = b.ValidatesBinaryPayloads,
                }).ToArray()),
            KafkaRestJson.Context.SchemaBindingsResponse);

    /// <summary>The file's text, or the schema of the binding's subject it points at now (for Avro and Protobuf, their text).</summary>
    private static async Task<IResult> GetSchema(string topic, TopicSchemas schemas, SubjectBindings subjects)
    {
        if (schemas.Find(topic) is not { } binding)
        {
            return new ErrorResult(ErrorCatalog.NoSchemaBound(topic));
        }

        if (binding.SchemaText is { } text)
        {
            return Results.Text(text, "application/schema+json");
        }

        var (current, error) = await subjects.CurrentAsync(binding);
        return current is null ? new ErrorResult(error!)
            : Results.Text(current.Text, current.Type == Registry.Formats.SchemaType.Json ? "application/schema+json" : "text/plain");
    }
}
