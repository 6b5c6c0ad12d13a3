using Gateway.Http;
using Gateway.Observability;
using Gateway.Registry.Storage;
using Gateway.Security;
using Microsoft.Extensions.Options;

namespace Gateway.Registry.Api;

/// <summary><c>/subjects/{s}/versions</c>: register, list, get (a number or <c>latest</c>), the raw schema, referrers, delete.</summary>
internal static class VersionEndpoints
{
    public static void MapSubjectVersions(this RouteGroupBuilder subjects)
    {
        var versions = subjects.MapGroup("/{subject}/versions");
        versions.MapGet("/", List).WithName("RegistryListVersions")
            .WithSummary("The subject's versions (?deleted=true includes soft-deleted ones)")
            .RequirePermission(Permission.RegistryRead, "subject")
            .Produces<IReadOnlyList<int>>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404);
        versions.MapPost("/", RegisterAsync).WithName("RegistryRegisterSchema")
            .WithSummary("Register a schema under the subject (?normalize=true); the same schema has the same id under every subject")
            .RequirePermission(Permission.RegistryWrite, "subject")
            .Produces<RegistryIdDocument>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(400, 409, 422, 500);
        versions.MapGet("/{version}", Get).WithName("RegistryGetVersion")
            .WithSummary("One version (a number or latest; ?deleted=true finds soft-deleted ones)")
            .RequirePermission(Permission.RegistryRead, "subject")
            .Produces<RegistrySchemaDocument>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404, 422);
        versions.MapGet("/{version}/schema", GetText).WithName("RegistryGetVersionSchema")
            .WithSummary("The schema text of one version, unescaped")
            .RequirePermission(Permission.RegistryRead, "subject")
            .Produces<string>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404, 422);
        versions.MapGet("/{version}/referencedby", ReferencedBy).WithName("RegistryGetReferencedBy")
            .WithSummary("Ids of the schemas that reference this version")
            .RequirePermission(Permission.RegistryRead, "subject")
            .Produces<IReadOnlyList<int>>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404, 422);
        versions.MapDelete("/{version}", DeleteAsync).WithName("RegistryDeleteVersion")
            .WithSummary("Soft-delete one version (?permanent=true: delete a soft-deleted version for good); the id stays readable until no version uses it")
            .RequirePermission(Permission.RegistryDelete, "subject")
            .Produces<int>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404, 422);
    }

    private static IResult List(string subject, HttpContext context, RegistryLog log)
    {
        var deleted = RegistryRequests.Flag(context.Request, "deleted");
        var versions = log.Query(state => state.Versions(subject, deleted).Select(v => v.Version).ToArray());
        RegistryMetrics.LookedUp("list");
        return versions.Length == 0
            ? Answers.Error(ErrorCatalog.SubjectNotFound(subject))
            : Answers.Json<IReadOnlyList<int>>(versions, KafkaRestJson.Context.IReadOnlyListInt32);
    }

    private static async Task<IResult> RegisterAsync(string subject, HttpContext context, SchemaStore store, IOptions<RegistryOptions> options)
    {
        if (!RegistryRequests.IsValidSubject(subject))
        {
            return Answers.Error(ErrorCatalog.InvalidSubject(subject));
        }

        var (body, tooLarge) = await RegistryDocs.ReadBodyAsync(context.Request, options.Value.MaxSchemaBytes);
        if (body is null)
        {
            return Answers.Error(tooLarge!);
        }

        SchemaRequest? request;
        GatewayError? invalid;
        using (body)
        {
            (request, invalid) = RegistryRequests.ReadSchema(body.Span);
        }

        if (request is null)
        {
            return Answers.Error(invalid!);
        }

        if (request.Id is not null)
        {
            return Answers.Error(ErrorCatalog.RegistryOperationNotPermitted($"Subject {subject} is not in import mode: a schema cannot be registered with a given id"));
        }

        var (registered, created, error) = await store.RegisterAsync(subject, request.Definition, RegistryRequests.Flag(context.Request, "normalize"));
        if (registered is null)
        {
            return Answers.Error(error!);
        }

        RegistryMetrics.Registered(created);
        return Answers.Json(new RegistryIdDocument(registered.Schema.Id), KafkaRestJson.Context.RegistryIdDocument);
    }

    private static IResult Get(string subject, string version, HttpContext context, RegistryLog log)
    {
        var (found, error) = Find(subject, version, RegistryRequests.Flag(context.Request, "deleted"), log);
        RegistryMetrics.LookedUp(version == "latest" ? "latest" : "version");
        return found is null ? Answers.Error(error!) : Answers.Json(RegistryDocs.Version(found), KafkaRestJson.Context.RegistrySchemaDocument);
    }

    private static IResult GetText(string subject, string version, HttpContext context, RegistryLog log)
    {
        var (found, error) = Find(subject, version, RegistryRequests.Flag(context.Request, "deleted"), log);
        RegistryMetrics.LookedUp(version == "latest" ? "latest" : "version");
        return found is null ? Answers.Error(error!) : new RawSchemaResult(found.Schema.Text);
    }

    private static IResult ReferencedBy(string subject, string version, HttpContext context, RegistryLog log)
    {
        var (found, error) = Find(subject, version, includeDeleted: true, log);
        if (found is null)
        {
            return Answers.Error(error!);
        }

        var deleted = RegistryRequests.Flag(context.Request, "deleted");
        var ids = log.Query(state => state.ReferencedBy(found.Subject, found.Version, deleted));
        return Answers.Json(ids, KafkaRestJson.Context.IReadOnlyListInt32);
    }

    private static async Task<IResult> DeleteAsync(string subject, string version, HttpContext context, SchemaStore store)
    {
        var (valid, number) = RegistryRequests.ReadVersion(version);
        if (!valid)
        {
            return Answers.Error(ErrorCatalog.InvalidVersion(version));
        }

        var (deleted, error) = await store.DeleteVersionAsync(subject, number, RegistryRequests.Flag(context.Request, "permanent"));
        return deleted is { } done ? Answers.Json(done, KafkaRestJson.Context.Int32) : Answers.Error(error!);
    }

    /// <summary>A subject version by its path text: 42202 when the text is no version, 40401 or 40402 when there is none.</summary>
    public static (SubjectVersion? Version, GatewayError? Error) Find(string subject, string version, bool includeDeleted, RegistryLog log)
    {
        var (valid, number) = RegistryRequests.ReadVersion(version);
        if (!valid)
        {
            return (null, ErrorCatalog.InvalidVersion(version));
        }

        return log.Query(state =>
        {
            if (!state.HasSubject(subject, includeDeleted))
            {
                return (null, ErrorCatalog.SubjectNotFound(subject));
            }

            var found = number is { } n ? state.Get(subject, n, includeDeleted) : state.Latest(subject, includeDeleted);
            return found is null ? (null, ErrorCatalog.VersionNotFound(number ?? -1)) : (found, (GatewayError?)null);
        });
    }
}
