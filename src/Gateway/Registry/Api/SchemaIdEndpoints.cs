using Gateway.Http;
using Gateway.Observability;
using Gateway.Registry.Storage;
using Gateway.Security;

namespace Gateway.Registry.Api;

/// <summary>
/// <c>/schemas</c>: schemas by global id (what deserializers ask), the schema types, and every version. A schema is
/// readable by a caller who may read at least one subject it is registered under; to anyone else it does not exist
/// (40403), so ids do not reveal other teams' schemas. <c>?subject=</c> (Confluent's context selector) is accepted and
/// changes nothing: this registry has one context.
/// </summary>
internal static class SchemaIdEndpoints
{
    private static readonly string[] Types = ["JSON", "PROTOBUF", "AVRO"];

    public static void MapSchemaIds(this RouteGroupBuilder registry)
    {
        var schemas = registry.MapGroup("/schemas");
        schemas.MapGet("/", List).WithName("RegistryListSchemas")
            .WithSummary("Every version the caller may read (?subjectPrefix=, ?deleted=true, ?latestOnly=true)")
            .Produces<IReadOnlyList<RegistrySchemaDocument>>(200, MediaTypes.SchemaRegistryV1);
        schemas.MapGet("/types", () => Answers.Json<IReadOnlyList<string>>(Types, KafkaRestJson.Context.IReadOnlyListString))
            .WithName("RegistrySchemaTypes").WithSummary("The schema types served: JSON, PROTOBUF, AVRO")
            .Produces<IReadOnlyList<string>>(200, MediaTypes.SchemaRegistryV1);
        schemas.MapGet("/ids/{id:int}", Get).WithName("RegistryGetSchemaById")
            .WithSummary("The schema with this global id (?fetchMaxId=true adds the largest id)")
            .Produces<RegistrySchemaByIdDocument>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404);
        schemas.MapGet("/ids/{id:int}/schema", GetText).WithName("RegistryGetSchemaTextById")
            .WithSummary("The schema text with this global id, unescaped")
            .Produces<string>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404);
        schemas.MapGet("/ids/{id:int}/versions", Versions).WithName("RegistryGetVersionsById")
            .WithSummary("The subject versions that use this id (?deleted=true includes soft-deleted ones)")
            .Produces<IReadOnlyList<RegistrySubjectVersionDocument>>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404);
        schemas.MapGet("/ids/{id:int}/subjects", Subjects).WithName("RegistryGetSubjectsById")
            .WithSummary("The subjects that use this id (?deleted=true includes soft-deleted versions)")
            .Produces<IReadOnlyList<string>>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404);
    }

    private static IResult List(HttpContext context, RegistryLog log)
    {
        var caller = RegistryDocs.CallerOf(context);
        var prefix = context.Request.Query["subjectPrefix"].ToString();
        var deleted = RegistryRequests.Flag(context.Request, "deleted");
        var latestOnly = RegistryRequests.Flag(context.Request, "latestOnly");
        var documents = log.Query(state => state.Subjects(deleted)
            .Where(s => s.StartsWith(prefix, StringComparison.Ordinal) && caller.May(Permission.RegistryRead, s))
            .SelectMany(s => latestOnly ? [state.Latest(s, deleted)!] : state.Versions(s, deleted))
            .Select(RegistryDocs.Version)
            .ToArray());
        RegistryMetrics.LookedUp("list");
        return Answers.Json<IReadOnlyList<RegistrySchemaDocument>>(documents, KafkaRestJson.Context.IReadOnlyListRegistrySchemaDocument);
    }

    private static IResult Get(int id, HttpContext context, RegistryLog log)
    {
        var (schema, maxId) = Readable(id, context, log);
        RegistryMetrics.LookedUp("id");
        return schema is null
            ? Answers.Error(ErrorCatalog.SchemaIdNotFound(id))
            : Answers.Json(RegistryDocs.ById(schema, RegistryRequests.Flag(context.Request, "fetchMaxId") ? maxId : null), KafkaRestJson.Context.RegistrySchemaByIdDocument);
    }

    private static IResult GetText(int id, HttpContext context, RegistryLog log)
    {
        var (schema, _) = Readable(id, context, log);
        RegistryMetrics.LookedUp("id");
        return schema is null ? Answers.Error(ErrorCatalog.SchemaIdNotFound(id)) : new RawSchemaResult(schema.Text);
    }

    private static IResult Versions(int id, HttpContext context, RegistryLog log)
    {
        var versions = ReadableVersions(id, context, log);
        return versions.Length == 0
            ? Answers.Error(ErrorCatalog.SchemaNotFound())
            : Answers.Json<IReadOnlyList<RegistrySubjectVersionDocument>>(
                versions.Select(v => new RegistrySubjectVersionDocument(v.Subject, v.Version)).ToArray(),
                KafkaRestJson.Context.IReadOnlyListRegistrySubjectVersionDocument);
    }

    private static IResult Subjects(int id, HttpContext context, RegistryLog log)
    {
        var versions = ReadableVersions(id, context, log);
        return versions.Length == 0
            ? Answers.Error(ErrorCatalog.SchemaNotFound())
            : Answers.Json<IReadOnlyList<string>>(versions.Select(v => v.Subject).Distinct().ToArray(), KafkaRestJson.Context.IReadOnlyListString);
    }

    /// <summary>The schema, when the caller may read a subject it is under; and the largest id.</summary>
    private static (StoredSchema? Schema, int MaxId) Readable(int id, HttpContext context, RegistryLog log)
    {
        var caller = RegistryDocs.CallerOf(context);
        return log.Query(state =>
        {
            var schema = state.ById(id);
            var visible = schema is not null && state.VersionsOfId(id, includeDeleted: true).Any(v => caller.May(Permission.RegistryRead, v.Subject));
            return (visible ? schema : null, state.MaxId);
        });
    }

    private static SubjectVersion[] ReadableVersions(int id, HttpContext context, RegistryLog log)
    {
        var caller = RegistryDocs.CallerOf(context);
        var deleted = RegistryRequests.Flag(context.Request, "deleted");
        RegistryMetrics.LookedUp("id");
        return log.Query(state => state.VersionsOfId(id, deleted)).Where(v => caller.May(Permission.RegistryRead, v.Subject)).ToArray();
    }
}
