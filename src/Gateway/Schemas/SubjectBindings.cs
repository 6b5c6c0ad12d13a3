using System.Runtime.CompilerServices;
using Gateway.Http;
using Gateway.Registry;
using Gateway.Registry.Formats;

namespace Gateway.Schemas;

/// <summary>
/// Bindings to registry subjects, answered from the registry through <see cref="SchemaCache"/>: the schema a binding
/// points at now (its pinned version or id, its file as registered, or the subject's latest), whether values written
/// under a schema id are ones it allows, and what its json and binary values are checked against.
/// </summary>
internal sealed class SubjectBindings(SchemaCache cache)
{
    private static readonly ConditionalWeakTable<ParsedSchema, ValueSchema> Checks = new();

    /// <summary>What json and binary values of <paramref name="topic"/> are checked against, or why they are refused.</summary>
    public ValueTask<(ValueSchema? Schema, GatewayError? Error)> ValueSchemaAsync(SchemaBinding binding, string topic) =>
        binding.FileSchema is { } file ? new((file, null)) : RegistryValueSchemaAsync(binding, topic);

    /// <summary>The subject's schema the binding points at now, with the subject set.</summary>
    public async ValueTask<(RegisteredSchema? Schema, GatewayError? Error)> CurrentAsync(SchemaBinding binding)
    {
        var subject = binding.Subject ?? throw new InvalidOperationException($"Binding {binding.Name} names no subject.");
        var (schema, error) = binding switch
        {
            { PinnedVersion: { } version } => await cache.VersionAsync(subject, version),
            { PinnedId: { } id } => await cache.ByIdAsync(id),
            { SchemaText: { } text } => await cache.LookupAsync(subject, new SchemaDefinition(SchemaType.Json, text, [])),
            _ => await cache.LatestAsync(subject),
        };
        return schema is null
            ? (null, ErrorCatalog.SchemaRegistryFailed($"Error when fetching the schema of subject {subject}, which binding {binding.Name} names.", error!))
            : (schema.Subject is null ? schema with { Subject = subject } : schema, null);
    }

    /// <summary>Null when the binding allows values written under <paramref name="schema"/>; otherwise why not.</summary>
    public async ValueTask<GatewayError?> CheckAsync(SchemaBinding binding, string topic, RegisteredSchema schema)
    {
        if (binding.PinnedId is { } pinned)
        {
            return schema.Id == pinned ? null : ErrorCatalog.SchemaIdNotBound(topic, binding.Name, schema.Id, $"schema {pinned} only");
        }

        if (binding.PinnedVersion is not null || binding.SchemaText is not null)
        {
            var (current, error) = await CurrentAsync(binding);
            return current is null ? error
                : current.Id == schema.Id ? null
                : ErrorCatalog.SchemaIdNotBound(topic, binding.Name, schema.Id, $"schema {current.Id} only ({binding.Describe()})");
        }

        if (schema.Subject == binding.Subject && schema.Version is not null)
        {
            return null;
        }

        var (found, lookupError) = await cache.VersionOfAsync(binding.Subject!, schema);
        return found is not null ? null
            : lookupError!.Code is ErrorCatalog.RegistrySubjectNotFound or ErrorCatalog.RegistrySchemaNotFound
                ? ErrorCatalog.SchemaIdNotBound(topic, binding.Name, schema.Id, $"the schemas registered under subject {binding.Subject}")
                : ErrorCatalog.SchemaRegistryFailed($"Error when fetching schema version. subject = {binding.Subject}, schema id = {schema.Id}", lookupError);
    }

    /// <summary>Null when the binding allows values written under schema <paramref name="id"/>; otherwise why not.</summary>
    public async ValueTask<GatewayError?> CheckIdAsync(SchemaBinding binding, string topic, int id)
    {
        if (binding.PinnedId is { } pinned)
        {
            return id == pinned ? null : ErrorCatalog.SchemaIdNotBound(topic, binding.Name, id, $"schema {pinned} only");
        }

        var (schema, error) = await cache.ByIdAsync(id);
        return schema is null
            ? ErrorCatalog.SchemaRegistryFailed($"Error when fetching schema by id. schemaId = {id}", error!)
            : await CheckAsync(binding, topic, schema);
    }

    /// <summary>How a client writes values of this schema: the format and the id to name.</summary>
    public static string Use(RegisteredSchema schema)
    {
        var format = schema.Type.ToFormatName().ToLowerInvariant();
        return $"in the {format} format (application/vnd.kafka.{format}.v2+json with value_schema_id {schema.Id}; in v3 with no type, or schema_id {schema.Id})";
    }

    private async ValueTask<(ValueSchema? Schema, GatewayError? Error)> RegistryValueSchemaAsync(SchemaBinding binding, string topic)
    {
        var (current, error) = await CurrentAsync(binding);
        if (current is null)
        {
            return (null, error);
        }

        if (current.Type != SchemaType.Json)
        {
            return (null, ErrorCatalog.FormatNotBound(topic, binding.Name, current.Subject!, current.Type.ToWireName(), Use(current)));
        }

        return (Checks.GetValue(current.Parsed, _ => ValueSchema.Of(current)), null);
    }
}
