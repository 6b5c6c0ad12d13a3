using Gateway.Http;
using Gateway.Registry;
using Gateway.Registry.Formats;
using Gateway.Schemas;
using Gateway.Security;

namespace Gateway.Produce.SchemaRecords;

/// <summary>
/// What a key or value asks the registry for, as kafka-rest's <c>SchemaManager.getSchema</c> takes it: a schema id, a
/// version, a raw schema of a format, or (none of them) the subject's latest; the subject given, or the one a strategy
/// names (<c>&lt;topic&gt;-key</c> / <c>-value</c> by default).
/// </summary>
internal sealed record SchemaRequest(string Topic, bool IsKey)
{
    public int? Id { get; init; }

    public int? Version { get; init; }

    public string? Raw { get; init; }

    /// <summary>The format <see cref="Raw"/> is in.</summary>
    public SchemaType? RawFormat { get; init; }

    public string? Subject { get; init; }

    public SubjectNameStrategy? Strategy { get; init; }
}

/// <summary>
/// Finds the schema a key or value is written under, exactly as kafka-rest's <c>SchemaManagerImpl</c> does, with its
/// error codes and words: by id (then its version under the subject, which must hold it), by version, by raw schema
/// (found under the subject, else registered there), or the subject's latest. On a topic whose binding names a subject,
/// a value's subject is the binding's unless the request names one, the schema found must be one the binding allows,
/// and a raw schema is never registered by a produce request; registering needs the caller's permission on the subject.
/// </summary>
internal sealed class SchemaLookup(SchemaCache cache, SubjectBindings bindings)
{
    public async ValueTask<(RegisteredSchema? Schema, GatewayError? Error)> GetAsync(SchemaRequest request, SchemaBinding? binding, Caller? caller)
    {
        // Bindings bind values; keys are the client's.
        binding = request.IsKey ? null : binding;
        if (binding is { IsSubjectBound: false })
        {
            return (null, ErrorCatalog.FileBoundTopic(request.Topic, binding.Name, binding.SchemaFile));
        }

        if (binding is not null && request.Id is { } asked && await bindings.CheckIdAsync(binding, request.Topic, asked) is { } notAllowed)
        {
            // The binding's refusal says more than the registry's (the id is not registered under its subject).
            return (null, notAllowed);
        }

        var (schema, error) = request switch
        {
            { Id: { } id } => await ByIdAsync(request, id, binding),
            { Version: { } version } => await ByVersionAsync(request, version, binding),
            { Raw: { } raw } => await ByRawAsync(request, raw, binding, caller),
            _ => await LatestAsync(request, binding),
        };
        if (schema is null)
        {
            return (null, error);
        }

        // An id was checked against the binding above already.
        return binding is not null && request.Id is null && await bindings.CheckAsync(binding, request.Topic, schema) is { } refused
            ? (null, refused)
            : (schema, null);
    }

    private async ValueTask<(RegisteredSchema?, GatewayError?)> ByIdAsync(SchemaRequest request, int id, SchemaBinding? binding)
    {
        var (schema, error) = await cache.ByIdAsync(id);
        if (schema is null)
        {
            return (null, ErrorCatalog.SchemaRegistryFailed($"Error when fetching schema by id. schemaId = {id}", error!));
        }

        var (subject, strategyError) = SubjectOf(request, binding, schema.Parsed);
        if (subject is null)
        {
            return (null, strategyError);
        }

        var (version, versionError) = await cache.VersionOfAsync(subject, schema);
        return version is not null
            ? (version, null)
            : (null, ErrorCatalog.SchemaRegistryFailed($"Error when fetching schema version. subject = {subject}, schema = {schema.Parsed.Canonical}", versionError!));
    }

    private async ValueTask<(RegisteredSchema?, GatewayError?)> ByVersionAsync(SchemaRequest request, int version, SchemaBinding? binding)
    {
        var (subject, error) = SubjectOf(request, binding, null);
        if (subject is null)
        {
            return (null, error ?? ErrorCatalog.SubjectStrategyNeedsSchema(request.Strategy!.Value.WireName()));
        }

        // kafka-rest answers any failure of a lookup by version (unknown subject or version, the registry down) this way.
        var (schema, _) = await cache.VersionAsync(subject, version);
        return schema is null ? (null, ErrorCatalog.SchemaVersionNotFound(subject, version)) : (schema, null);
    }

    private async ValueTask<(RegisteredSchema?, GatewayError?)> ByRawAsync(SchemaRequest request, string raw, SchemaBinding? binding, Caller? caller)
    {
        var format = request.RawFormat ?? throw new InvalidOperationException("A raw schema comes with its format.");
        var formatName = format.ToFormatName();
        var (parsed, _) = SchemaFormats.For(format).Parse(raw, [], normalize: false);
        if (parsed is null)
        {
            return (null, ErrorCatalog.InvalidRawSchema(formatName, raw));
        }

        var (subject, strategyError) = SubjectOf(request, binding, parsed);
        if (subject is null)
        {
            return (null, strategyError);
        }

        var definition = new SchemaDefinition(format, raw, []);
        var (found, _) = await cache.LookupAsync(subject, definition);
        if (found is not null)
        {
            return (found, null);
        }

        if (binding is not null)
        {
            return (null, ErrorCatalog.NotRegisteredUnderBinding(request.Topic, binding.Name, subject));
        }

        if (caller is not null && !caller.May(Permission.RegistryWrite, subject))
        {
            return (null, ErrorCatalog.Forbidden(caller.Name, PermissionText.Describe(Permission.RegistryWrite, subject)));
        }

        // As kafka-rest: a schema not found under the subject is registered there.
        var (registered, error) = await cache.LookupOrRegisterAsync(subject, definition);
        return registered is not null
            ? (registered, null)
            : (null, ErrorCatalog.SchemaRegistryFailed(
                $"Error when registering schema. format = {formatName}, subject = {subject}, schema = {parsed.Canonical}", error!));
    }

    private async ValueTask<(RegisteredSchema?, GatewayError?)> LatestAsync(SchemaRequest request, SchemaBinding? binding)
    {
        var (subject, error) = SubjectOf(request, binding, null);
        if (subject is null)
        {
            return (null, error ?? ErrorCatalog.SubjectStrategyNeedsSchema(request.Strategy!.Value.WireName()));
        }

        var (schema, latestError) = await cache.LatestAsync(subject);
        return schema is not null
            ? (schema, null)
            : (null, ErrorCatalog.SchemaRegistryFailed($"Error when fetching latest schema version. subject = {subject}", latestError!));
    }

    /// <summary>The request's subject, else the binding's (for a value), else the one its strategy (by default the topic's) names.</summary>
    private static (string? Subject, GatewayError? Error) SubjectOf(SchemaRequest request, SchemaBinding? binding, ParsedSchema? schema) =>
        request.Subject is { } subject ? (subject, null)
        : request.Strategy is null && binding?.Subject is { } bound ? (bound, null)
        : SubjectNames.For(request.Strategy ?? SubjectNameStrategy.TopicName, request.Topic, request.IsKey, schema);

}
