using Gateway.Http;
using Gateway.Observability;
using Gateway.Registry.Storage;
using Gateway.Security;
using Microsoft.Extensions.Options;

namespace Gateway.Registry.Api;

/// <summary>
/// <c>/subjects</c>: list, register (<c>POST /subjects/{s}/versions</c>), look up (<c>POST /subjects/{s}</c>) and delete
/// subjects, as Confluent's <c>SubjectsResource</c> and <c>SubjectVersionsResource</c> answer them.
/// </summary>
internal static class SubjectEndpoints
{
    public static void MapSubjects(this RouteGroupBuilder registry)
    {
        var subjects = registry.MapGroup("/subjects");
        subjects.MapGet("/", List).WithName("RegistryListSubjects")
            .WithSummary("Subjects the caller may read (?deleted=true adds soft-deleted ones, ?deletedOnly=true lists only those, ?subjectPrefix= filters)")
            .Produces<IReadOnlyList<string>>(200, MediaTypes.SchemaRegistryV1);
        subjects.MapPost("/{subject}", LookupAsync).WithName("RegistryLookUpSchema")
            .WithSummary("Is this schema registered under the subject? Its version and id (40401 unknown subject, 40403 not registered)")
            .RequirePermission(Permission.RegistryRead, "subject")
            .Produces<RegistrySchemaDocument>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404, 422);
        subjects.MapDelete("/{subject}", DeleteAsync).WithName("RegistryDeleteSubject")
            .WithSummary("Soft-delete every version (?permanent=true: delete a soft-deleted subject for good); answers the versions deleted")
            .RequirePermission(Permission.RegistryDelete, "subject")
            .Produces<IReadOnlyList<int>>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404, 422);
        subjects.MapSubjectVersions();
    }

    private static IResult List(HttpContext context, RegistryLog log)
    {
        var deletedOnly = RegistryRequests.Flag(context.Request, "deletedOnly");
        var deleted = deletedOnly || RegistryRequests.Flag(context.Request, "deleted");
        var prefix = context.Request.Query["subjectPrefix"].ToString();
        var caller = RegistryDocs.CallerOf(context);
        var names = log.Query(state =>
        {
            var live = deletedOnly ? state.Subjects(includeDeleted: false).ToHashSet(StringComparer.Ordinal) : null;
            return state.Subjects(deleted)
                .Where(s => (live is null || !live.Contains(s)) && s.StartsWith(prefix, StringComparison.Ordinal))
                .ToArray();
        });
        RegistryMetrics.LookedUp("list");
        return Answers.Json<IReadOnlyList<string>>(names.Where(s => caller.May(Permission.RegistryRead, s)).ToArray(), KafkaRestJson.Context.IReadOnlyListString);
    }

    private static async Task<IResult> LookupAsync(string subject, HttpContext context, SchemaStore store, IOptions<RegistryOptions> options)
    {
        var (body, tooLarge) = await RegistryDocs.ReadBodyAsync(context.Request, options.Value.MaxSchemaBytes);
        if (body is null)
        {
            return Answers.Error(tooLarge!);
        }

        using (body)
        {
            var (request, invalid) = RegistryRequests.ReadSchema(body.Span);
            if (request is null)
            {
                return Answers.Error(invalid!);
            }

            var deleted = RegistryRequests.Flag(context.Request, "deleted");
            var normalize = RegistryRequests.Flag(context.Request, "normalize");
            var (found, error) = store.Log.Query(state =>
            {
                if (!state.HasSubject(subject, deleted))
                {
                    return (null, ErrorCatalog.SubjectNotFound(subject));
                }

                var (candidate, problem) = store.Prepare(state, request.Definition, normalize);
                return candidate is null
                    ? (null, problem)
                    : state.Find(subject, candidate.Parsed.Fingerprint, deleted) is { } match ? (match, null) : ((SubjectVersion?)null, ErrorCatalog.SchemaNotFound());
            });
            RegistryMetrics.LookedUp("lookup");
            return found is null ? Answers.Error(error!) : Answers.Json(RegistryDocs.Version(found), KafkaRestJson.Context.RegistrySchemaDocument);
        }
    }

    private static async Task<IResult> DeleteAsync(string subject, HttpContext context, SchemaStore store)
    {
        var (versions, error) = await store.DeleteSubjectAsync(subject, RegistryRequests.Flag(context.Request, "permanent"));
        return versions is null ? Answers.Error(error!) : Answers.Json(versions, KafkaRestJson.Context.IReadOnlyListInt32);
    }
}

internal static class RegistryErrorResponses
{
    /// <summary>Documents the error answers a registry endpoint gives, in Confluent's envelope and media type.</summary>
    public static TBuilder ProducesRegistryErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(statuses
            .Select(status => new ProducesResponseTypeMetadata(status, typeof(ErrorDocument), [MediaTypes.SchemaRegistryV1]))
            .ToArray<object>());
}
