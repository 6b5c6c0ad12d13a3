using System.Collections.Concurrent;
using System.Net;
using Confluent.SchemaRegistry;
using Gateway.Http;
using Gateway.Observability;
using Gateway.Registry.Formats;
using Microsoft.Extensions.Options;
using SchemaReference = Gateway.Registry.Formats.SchemaReference;
using SchemaType = Gateway.Registry.Formats.SchemaType;

namespace Gateway.Registry.Client;

/// <summary>
/// An external Confluent-API registry (Confluent's, Karapace, Redpanda's, or another gateway) behind
/// <see cref="ISchemaRegistry"/>, through Confluent's own .NET client and its cache; schemas by id are parsed once,
/// with their references fetched and resolved, and kept up to <see cref="RegistryOptions.CacheCapacity"/>.
/// </summary>
internal sealed partial class ExternalRegistry : ISchemaRegistry, IDisposable
{
    private readonly CachedSchemaRegistryClient _client;
    private readonly ConcurrentDictionary<int, RegisteredSchema> _byId = new();
    private readonly int _capacity;
    private readonly ILogger<ExternalRegistry> _logger;

    public ExternalRegistry(IOptions<RegistryOptions> options, ILogger<ExternalRegistry> logger)
    {
        var settings = options.Value;
        _capacity = settings.CacheCapacity;
        _logger = logger;
        var config = new SchemaRegistryConfig
        {
            Url = settings.Url,
            RequestTimeoutMs = settings.RequestTimeoutMs,
            MaxCachedSchemas = settings.CacheCapacity,
        };
        var credentials = new RegistryCredentials(settings);
        _client = credentials.Configured ? new CachedSchemaRegistryClient(config, credentials) : new CachedSchemaRegistryClient(config);
    }

    public async Task<(RegisteredSchema? Schema, GatewayError? Error)> GetByIdAsync(int id, CancellationToken cancellationToken = default)
    {
        RegistryMetrics.LookedUp("id");
        if (_byId.TryGetValue(id, out var cached))
        {
            return (cached, null);
        }

        var (answer, error) = await CallAsync(async () => await Parsed(id, await _client.GetSchemaAsync(id), null, null));
        if (answer is not null)
        {
            if (_byId.Count >= _capacity)
            {
                _byId.Clear();
            }

            _byId[id] = answer;
        }

        return (answer, error);
    }

    public Task<(RegisteredSchema? Schema, GatewayError? Error)> GetVersionAsync(string subject, int version, CancellationToken cancellationToken = default)
    {
        RegistryMetrics.LookedUp("version");
        return CallAsync(async () => await FromRegistered(await _client.GetRegisteredSchemaAsync(subject, version, ignoreDeletedSchemas: true)));
    }

    public Task<(RegisteredSchema? Schema, GatewayError? Error)> GetLatestAsync(string subject, CancellationToken cancellationToken = default)
    {
        RegistryMetrics.LookedUp("latest");
        return CallAsync(async () => await FromRegistered(await _client.GetLatestSchemaAsync(subject)));
    }

    public Task<(RegisteredSchema? Schema, GatewayError? Error)> LookupAsync(string subject, SchemaDefinition schema, CancellationToken cancellationToken = default)
    {
        RegistryMetrics.LookedUp("lookup");
        return CallAsync(async () => await FromRegistered(await _client.LookupSchemaAsync(subject, ToClient(schema), ignoreDeletedSchemas: true)));
    }

    public async Task<(RegisteredSchema? Schema, GatewayError? Error)> LookupOrRegisterAsync(string subject, SchemaDefinition schema, CancellationToken cancellationToken = default)
    {
        var (found, error) = await LookupAsync(subject, schema, cancellationToken);
        if (found is not null || error?.Code is not (ErrorCatalog.RegistrySubjectNotFound or ErrorCatalog.RegistrySchemaNotFound))
        {
            if (found is not null)
            {
                RegistryMetrics.Registered(created: false);
            }

            return (found, error);
        }

        var (registered, failed) = await CallAsync(async () =>
        {
            await _client.RegisterSchemaAsync(subject, ToClient(schema));
            return await FromRegistered(await _client.LookupSchemaAsync(subject, ToClient(schema), ignoreDeletedSchemas: true));
        });
        if (registered is not null)
        {
            RegistryMetrics.Registered(created: true);
        }

        return (registered, failed);
    }

    public void Dispose() => _client.Dispose();

    private async Task<(RegisteredSchema? Schema, GatewayError? Error)> CallAsync(Func<Task<(RegisteredSchema?, GatewayError?)>> call)
    {
        try
        {
            return await call();
        }
        catch (SchemaRegistryException e)
        {
            // The external registry's own answer, passed on with its status and code.
            var status = (int)e.Status is >= 400 and < 600 ? (int)e.Status : 500;
            return (null, new GatewayError(status, e.ErrorCode > 0 ? e.ErrorCode : status, e.Message));
        }
        catch (HttpRequestException e)
        {
            LogUnreachable(_logger, e.Message);
            return (null, e.StatusCode == HttpStatusCode.Unauthorized
                ? ErrorCatalog.RegistryUnreachable("The external schema registry refused the gateway's credentials (401)")
                : ErrorCatalog.RegistryUnreachable($"The external schema registry did not answer: {e.Message}"));
        }
        catch (TaskCanceledException)
        {
            return (null, ErrorCatalog.RegistryTimeout("The external schema registry did not answer in time"));
        }
    }

    private Task<(RegisteredSchema?, GatewayError?)> FromRegistered(Confluent.SchemaRegistry.RegisteredSchema registered) =>
        Parsed(registered.Id, registered.Schema, registered.Subject, registered.Version);

    /// <summary>Parses a schema the registry answered, after fetching the schemas it references (theirs first).</summary>
    private async Task<(RegisteredSchema?, GatewayError?)> Parsed(int id, Schema schema, string? subject, int? version)
    {
        var type = FromClient(schema.SchemaType);
        var references = (schema.References ?? []).Select(r => new SchemaReference(r.Name, r.Subject, r.Version)).ToArray();
        var resolved = new List<ResolvedReference>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            await ResolveAsync(reference, resolved, names, 0);
        }

        var (parsed, problem) = SchemaFormats.For(type).Parse(schema.SchemaString, resolved, normalize: false);
        return parsed is null
            ? (null, ErrorCatalog.InvalidSchema($"Schema {id} from the external registry is not a valid {type.ToWireName()} schema: {problem!.Message}"))
            : (new RegisteredSchema(id, type, schema.SchemaString, references, parsed) { Subject = subject, Version = version }, null);
    }

    private async Task ResolveAsync(SchemaReference reference, List<ResolvedReference> resolved, HashSet<string> names, int depth)
    {
        if (depth > 32 || names.Contains(reference.Name))
        {
            return;
        }

        var target = await _client.GetRegisteredSchemaAsync(reference.Subject, reference.Version, ignoreDeletedSchemas: false);
        foreach (var inner in target.References ?? [])
        {
            await ResolveAsync(new SchemaReference(inner.Name, inner.Subject, inner.Version), resolved, names, depth + 1);
        }

        if (names.Add(reference.Name))
        {
            resolved.Add(new ResolvedReference(reference.Name, target.SchemaString, FromClient(target.SchemaType)));
        }
    }

    private static Schema ToClient(SchemaDefinition schema) =>
        new(schema.Text, schema.References.Select(r => new Confluent.SchemaRegistry.SchemaReference(r.Name, r.Subject, r.Version)).ToList(), schema.Type switch
        {
            SchemaType.Json => Confluent.SchemaRegistry.SchemaType.Json,
            SchemaType.Protobuf => Confluent.SchemaRegistry.SchemaType.Protobuf,
            _ => Confluent.SchemaRegistry.SchemaType.Avro,
        });

    private static SchemaType FromClient(Confluent.SchemaRegistry.SchemaType type) => type switch
    {
        Confluent.SchemaRegistry.SchemaType.Json => SchemaType.Json,
        Confluent.SchemaRegistry.SchemaType.Protobuf => SchemaType.Protobuf,
        _ => SchemaType.Avro,
    };

    [LoggerMessage(LogLevel.Warning, "External schema registry did not answer: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
