using Gateway.Http;
using Gateway.Observability;

namespace Gateway.Registry.Storage;

/// <summary>The gateway's own registry behind <see cref="ISchemaRegistry"/>: reads from memory, registrations through <see cref="SchemaStore"/>.</summary>
internal sealed class EmbeddedRegistry(SchemaStore store) : ISchemaRegistry
{
    public Task<(RegisteredSchema? Schema, GatewayError? Error)> GetByIdAsync(int id, CancellationToken cancellationToken = default) =>
        Answer("id", state => state.ById(id) is { } schema ? (ToRegistered(schema, null), null) : (null, ErrorCatalog.SchemaIdNotFound(id)));

    public Task<(RegisteredSchema? Schema, GatewayError? Error)> GetVersionAsync(string subject, int version, CancellationToken cancellationToken = default) =>
        Answer("version", state => !state.HasSubject(subject, includeDeleted: false) ? (null, ErrorCatalog.SubjectNotFound(subject))
            : state.Get(subject, version, includeDeleted: false) is { } found ? (ToRegistered(found.Schema, found), null)
            : (null, ErrorCatalog.VersionNotFound(version)));

    public Task<(RegisteredSchema? Schema, GatewayError? Error)> GetLatestAsync(string subject, CancellationToken cancellationToken = default) =>
        Answer("latest", state => state.Latest(subject, includeDeleted: false) is { } latest
            ? (ToRegistered(latest.Schema, latest), null)
            : (null, ErrorCatalog.SubjectNotFound(subject)));

    public Task<(RegisteredSchema? Schema, GatewayError? Error)> LookupAsync(string subject, SchemaDefinition schema, CancellationToken cancellationToken = default) =>
        Answer("lookup", state =>
        {
            if (!state.HasSubject(subject, includeDeleted: false))
            {
                return (null, ErrorCatalog.SubjectNotFound(subject));
            }

            var (candidate, problem) = store.Prepare(state, schema, normalize: false);
            return candidate is null ? (null, problem)
                : state.Find(subject, candidate.Parsed.Fingerprint, includeDeleted: false) is { } found ? (ToRegistered(found.Schema, found), null)
                : (null, ErrorCatalog.SchemaNotFound());
        });

    public async Task<(RegisteredSchema? Schema, GatewayError? Error)> LookupOrRegisterAsync(string subject, SchemaDefinition schema, CancellationToken cancellationToken = default)
    {
        var (registered, created, error) = await store.RegisterAsync(subject, schema, normalize: false);
        if (registered is null)
        {
            return (null, error);
        }

        RegistryMetrics.Registered(created);
        return ToRegistered(registered.Schema, registered) is { } answer
            ? (answer, null)
            : (null, ErrorCatalog.InvalidSchema($"Schema {registered.Schema.Id} is stored in a form this gateway cannot parse"));
    }

    private async Task<(RegisteredSchema? Schema, GatewayError? Error)> Answer(string kind, Func<RegistryState, (RegisteredSchema?, GatewayError?)> query)
    {
        RegistryMetrics.LookedUp(kind);
        if (!store.Log.CaughtUp.IsCompleted && await store.Log.SyncAsync() is { } notReady)
        {
            return (null, notReady);
        }

        var (schema, error) = store.Log.Query(query);
        return schema is null && error is null
            ? (null, ErrorCatalog.InvalidSchema("The schema is stored in a form this gateway cannot parse"))
            : (schema, error);
    }

    /// <summary>The answer for a stored schema; null when its text is one the gateway's parsers refuse (another registry stored it).</summary>
    private static RegisteredSchema? ToRegistered(StoredSchema schema, SubjectVersion? version) =>
        schema.Parsed is null ? null : new RegisteredSchema(schema.Id, schema.Type, schema.Text, schema.References, schema.Parsed)
        {
            Subject = version?.Subject,
            Version = version?.Version,
        };
}
