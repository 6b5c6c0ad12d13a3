using System.Collections.Concurrent;
using Gateway.Http;

namespace Gateway.Registry;

/// <summary>
/// The registry answers produce, topic bindings and consumers use, kept in memory as Confluent's client keeps them:
/// a schema by id for the life of the process (an id always names the same schema), answers about subjects (a
/// version, the latest, where a schema is registered) for <see cref="FreshFor"/>, so a new or deleted version is
/// seen within that time. Errors are never kept. Every answer carries one <see cref="Formats.ParsedSchema"/> instance
/// per id, so the serdes compile each schema once whatever lookup found it.
/// </summary>
internal sealed class SchemaCache(ISchemaRegistry registry, TimeProvider time)
{
    /// <summary>How long an answer about a subject is reused.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);

    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<int, RegisteredSchema> _byId = new();
    private readonly ConcurrentDictionary<string, (RegisteredSchema Schema, long Until)> _bySubject = new(StringComparer.Ordinal);

    /// <summary>The schema with this id (40403 when none).</summary>
    public async ValueTask<(RegisteredSchema? Schema, GatewayError? Error)> ByIdAsync(int id)
    {
        if (_byId.TryGetValue(id, out var known))
        {
            return (known, null);
        }

        var (schema, error) = await registry.GetByIdAsync(id);
        return schema is null ? (null, error) : (Keep(schema), null);
    }

    /// <summary>The subject's version (40401, 40402 when it has none).</summary>
    public ValueTask<(RegisteredSchema? Schema, GatewayError? Error)> VersionAsync(string subject, int version) =>
        SubjectAnswerAsync($"v\n{subject}\n{version}", () => registry.GetVersionAsync(subject, version));

    /// <summary>The subject's latest version (40401 when it has none).</summary>
    public ValueTask<(RegisteredSchema? Schema, GatewayError? Error)> LatestAsync(string subject) =>
        SubjectAnswerAsync($"l\n{subject}", () => registry.GetLatestAsync(subject));

    /// <summary>The version of the subject holding the schema with this id (40401, 40403 when it is not registered there).</summary>
    public async ValueTask<(RegisteredSchema? Schema, GatewayError? Error)> VersionOfAsync(string subject, RegisteredSchema schema) =>
        await SubjectAnswerAsync($"i\n{subject}\n{schema.Id}", () => registry.LookupAsync(subject, Definition(schema)));

    /// <summary>The version of the subject holding this schema (40401, 40403 when it is not registered there, 42201 invalid).</summary>
    public ValueTask<(RegisteredSchema? Schema, GatewayError? Error)> LookupAsync(string subject, SchemaDefinition schema) =>
        SubjectAnswerAsync($"s\n{subject}\n{schema.Type}\n{schema.Text}", () => registry.LookupAsync(subject, schema));

    /// <summary>Registers the schema under the subject unless it is there already (not kept: a registration always asks).</summary>
    public async ValueTask<(RegisteredSchema? Schema, GatewayError? Error)> LookupOrRegisterAsync(string subject, SchemaDefinition schema)
    {
        var (registered, error) = await registry.LookupOrRegisterAsync(subject, schema);
        return registered is null ? (null, error) : (Keep(registered), null);
    }

    private static SchemaDefinition Definition(RegisteredSchema schema) => new(schema.Type, schema.Text, schema.References);

    private async ValueTask<(RegisteredSchema? Schema, GatewayError? Error)> SubjectAnswerAsync(
        string key, Func<Task<(RegisteredSchema? Schema, GatewayError? Error)>> ask)
    {
        var now = time.GetTimestamp();
        if (_bySubject.TryGetValue(key, out var known) && known.Until > now)
        {
            return (known.Schema, null);
        }

        var (schema, error) = await ask();
        if (schema is null)
        {
            return (null, error);
        }

        schema = Keep(schema);
        if (_bySubject.Count >= Capacity)
        {
            _bySubject.Clear();
        }

        _bySubject[key] = (schema, now + (long)(FreshFor.TotalSeconds * time.TimestampFrequency));
        return (schema, null);
    }

    /// <summary>The answer with the parsed schema first seen for its id, which the serdes have compiled.</summary>
    private RegisteredSchema Keep(RegisteredSchema schema)
    {
        if (_byId.Count >= Capacity)
        {
            _byId.Clear();
        }

        var first = _byId.GetOrAdd(schema.Id, _ => schema.Subject is null && schema.Version is null ? schema : schema with { Subject = null, Version = null });
        return ReferenceEquals(first.Parsed, schema.Parsed) ? schema : schema with { Parsed = first.Parsed };
    }
}
