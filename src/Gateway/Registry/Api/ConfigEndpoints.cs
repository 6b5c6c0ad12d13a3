using Gateway.Http;
using Gateway.Observability;
using Gateway.Registry.Formats;
using Gateway.Registry.Storage;
using Gateway.Security;
using Microsoft.Extensions.Options;

namespace Gateway.Registry.Api;

/// <summary>
/// <c>/config</c> (compatibility levels, global and per subject), <c>/compatibility</c> (test a schema without
/// registering it) and <c>/mode</c> (always READWRITE). Changing the global level needs
/// <see cref="Permission.RegistryConfigure"/> on the name <c>""</c>.
/// </summary>
internal static class ConfigEndpoints
{
    public static void MapConfig(this RouteGroupBuilder registry)
    {
        var config = registry.MapGroup("/config");
        config.MapGet("/", (RegistryLog log) => Level(log.Query(s => s.GlobalLevel) ?? CompatibilityLevel.Backward))
            .WithName("RegistryGetGlobalConfig").WithSummary("The global compatibility level (BACKWARD unless set)")
            .Produces<RegistryConfigDocument>(200, MediaTypes.SchemaRegistryV1);
        config.MapPut("/", (HttpContext context, SchemaStore store) => SetAsync(null, context, store))
            .WithName("RegistrySetGlobalConfig").WithSummary("Set the global compatibility level: {\"compatibility\":\"FULL\"}")
            .RequirePermission(Permission.RegistryConfigure)
            .Produces<RegistryConfigUpdateDocument>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(422);
        config.MapDelete("/", (SchemaStore store) => DeleteAsync(null, store))
            .WithName("RegistryDeleteGlobalConfig").WithSummary("Back to the default level, BACKWARD; answers the level removed")
            .RequirePermission(Permission.RegistryConfigure)
            .Produces<RegistryConfigDocument>(200, MediaTypes.SchemaRegistryV1);
        config.MapGet("/{subject}", GetSubject)
            .WithName("RegistryGetSubjectConfig").WithSummary("The subject's own level (?defaultToGlobal=true falls back to the global one; else 40408)")
            .RequirePermission(Permission.RegistryRead, "subject")
            .Produces<RegistryConfigDocument>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404);
        config.MapPut("/{subject}", (string subject, HttpContext context, SchemaStore store) => SetAsync(subject, context, store))
            .WithName("RegistrySetSubjectConfig").WithSummary("Set the subject's compatibility level")
            .RequirePermission(Permission.RegistryConfigure, "subject")
            .Produces<RegistryConfigUpdateDocument>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(422);
        config.MapDelete("/{subject}", (string subject, SchemaStore store) => DeleteAsync(subject, store))
            .WithName("RegistryDeleteSubjectConfig").WithSummary("Remove the subject's own level; answers the level removed (40401 when it had none)")
            .RequirePermission(Permission.RegistryConfigure, "subject")
            .Produces<RegistryConfigDocument>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404);

        registry.MapPost("/compatibility/subjects/{subject}/versions/{version}", CheckAsync)
            .WithName("RegistryTestCompatibility").WithSummary("Would this schema be compatible with that version (or latest)? ?verbose=true says why not")
            .RequirePermission(Permission.RegistryRead, "subject")
            .Produces<RegistryCompatibilityDocument>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(404, 422);
        registry.MapPost("/compatibility/subjects/{subject}/versions", (string subject, HttpContext context, SchemaStore store, IOptions<RegistryOptions> options) =>
                CheckAsync(subject, null, context, store, options))
            .WithName("RegistryTestCompatibilityAll").WithSummary("Would this schema be compatible with the subject's versions, at its level?")
            .RequirePermission(Permission.RegistryRead, "subject")
            .Produces<RegistryCompatibilityDocument>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(422);

        registry.MapGet("/mode", () => Mode("READWRITE")).WithName("RegistryGetMode").WithSummary("Always READWRITE")
            .Produces<RegistryModeDocument>(200, MediaTypes.SchemaRegistryV1);
        registry.MapGet("/mode/{subject}", (string subject) => Mode("READWRITE")).WithName("RegistryGetSubjectMode").WithSummary("Always READWRITE")
            .RequirePermission(Permission.RegistryRead, "subject")
            .Produces<RegistryModeDocument>(200, MediaTypes.SchemaRegistryV1);
        registry.MapPut("/mode", SetModeAsync).WithName("RegistrySetMode").WithSummary("Only READWRITE is served; others are 42205")
            .RequirePermission(Permission.RegistryConfigure)
            .Produces<RegistryModeDocument>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(422);
        registry.MapPut("/mode/{subject}", (string subject, HttpContext context, IOptions<RegistryOptions> options) => SetModeAsync(context, options))
            .WithName("RegistrySetSubjectMode").WithSummary("Only READWRITE is served; others are 42205")
            .RequirePermission(Permission.RegistryConfigure, "subject")
            .Produces<RegistryModeDocument>(200, MediaTypes.SchemaRegistryV1).ProducesRegistryErrors(422);
    }

    private static IResult GetSubject(string subject, HttpContext context, RegistryLog log)
    {
        var (own, global) = log.Query(s => (s.SubjectLevel(subject), s.GlobalLevel));
        RegistryMetrics.LookedUp("config");
        return own is { } level ? Level(level)
            : RegistryRequests.Flag(context.Request, "defaultToGlobal") ? Level(global ?? CompatibilityLevel.Backward)
            : Answers.Error(ErrorCatalog.SubjectCompatibilityNotConfigured(subject));
    }

    private static async Task<IResult> SetAsync(string? subject, HttpContext context, SchemaStore store)
    {
        if (subject is not null && !RegistryRequests.IsValidSubject(subject))
        {
            return Answers.Error(ErrorCatalog.InvalidSubject(subject));
        }

        using var body = (await RequestBody.ReadAsync(context.Request, 65_536)).Body;
        var (level, invalid) = body is null ? (null, ErrorCatalog.InvalidCompatibilityLevel()) : RegistryRequests.ReadLevel(body.Span);
        if (level is not { } set)
        {
            return Answers.Error(invalid!);
        }

        return await store.SetLevelAsync(subject, set) is { } failed
            ? Answers.Error(failed)
            : Answers.Json(new RegistryConfigUpdateDocument(set.ToWireName()), KafkaRestJson.Context.RegistryConfigUpdateDocument);
    }

    private static async Task<IResult> DeleteAsync(string? subject, SchemaStore store)
    {
        if (await store.Log.SyncAsync() is { } notSynced)
        {
            return Answers.Error(notSynced);
        }

        var previous = store.Log.Query(s => subject is null ? s.GlobalLevel : s.SubjectLevel(subject));
        if (subject is not null && previous is null)
        {
            return Answers.Error(ErrorCatalog.SubjectNotFound(subject));
        }

        return await store.SetLevelAsync(subject, null) is { } failed
            ? Answers.Error(failed)
            : Level(previous ?? CompatibilityLevel.Backward);
    }

    private static async Task<IResult> CheckAsync(string subject, string? version, HttpContext context, SchemaStore store, IOptions<RegistryOptions> options)
    {
        var (valid, number) = version is null ? (true, null) : RegistryRequests.ReadVersion(version);
        if (!valid)
        {
            return Answers.Error(ErrorCatalog.InvalidVersion(version!));
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

        var verbose = RegistryRequests.Flag(context.Request, "verbose");
        if (request is null)
        {
            return Answers.Error(invalid!);
        }

        var (messages, error) = store.Log.Query<(IReadOnlyList<string>?, GatewayError?)>(state =>
        {
            var versions = state.Versions(subject, includeDeleted: false);
            var against = version is null ? versions
                : number is { } n ? versions.Where(v => v.Version == n).ToArray()
                : versions.Count > 0 ? [versions[^1]] : [];
            if (number is { } asked && against.Count == 0)
            {
                return (null, ErrorCatalog.VersionNotFound(asked));
            }

            var (candidate, problem) = store.Prepare(state, request.Definition, RegistryRequests.Flag(context.Request, "normalize"));
            if (candidate is null)
            {
                return verbose ? ([problem!.Message], null) : (null, problem);
            }

            var earlier = against.Where(v => v.Schema.Parsed is not null).Select(v => (v.Version, v.Schema.Parsed!)).ToArray();
            return (Compatibility.Check(state.LevelFor(subject), candidate.Format, candidate.Parsed, earlier).Messages(), null);
        });
        return messages is null
            ? Answers.Error(error!)
            : Answers.Json(new RegistryCompatibilityDocument(messages.Count == 0, verbose ? messages : null), KafkaRestJson.Context.RegistryCompatibilityDocument);
    }

    private static async Task<IResult> SetModeAsync(HttpContext context, IOptions<RegistryOptions> options)
    {
        using var body = (await RequestBody.ReadAsync(context.Request, 65_536)).Body;
        var (mode, invalid) = body is null ? (null, ErrorCatalog.InvalidMode()) : RegistryRequests.ReadMode(body.Span);
        return mode switch
        {
            null => Answers.Error(invalid!),
            "READWRITE" => Mode(mode),
            _ => Answers.Error(ErrorCatalog.RegistryOperationNotPermitted($"Mode {mode} is not supported: this registry is always READWRITE")),
        };
    }

    private static IResult Level(CompatibilityLevel level) =>
        Answers.Json(new RegistryConfigDocument(level.ToWireName()), KafkaRestJson.Context.RegistryConfigDocument);

    private static IResult Mode(string mode) => Answers.Json(new RegistryModeDocument(mode), KafkaRestJson.Context.RegistryModeDocument);
}
