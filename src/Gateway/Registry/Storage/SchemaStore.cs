using System.Text;
using Gateway.Http;
using Gateway.Observability;
using Gateway.Registry.Formats;
using Microsoft.Extensions.Options;

namespace Gateway.Registry.Storage;

/// <summary>
/// Registrations and lookups against the registry topic, safe with several gateway instances writing at once.
/// A registration is decided on the state read to the topic's end, written, then checked once this instance has read
/// its own record: every instance applies the same first-writer-wins rules (<see cref="RegistryState"/>), so the record
/// either took effect everywhere or was ignored everywhere. A loser makes the key's last record say what the winner
/// said (so compaction keeps the winner) and tries again on the new state: ids and versions end the same on every
/// instance, and each schema with one id.
/// </summary>
internal sealed partial class SchemaStore(RegistryLog log, IOptions<RegistryOptions> options, ILogger<SchemaStore> logger) : IDisposable
{
    private const int MaxAttempts = 16;
    private readonly SemaphoreSlim _registering = new(1, 1);
    private readonly int _maxSchemaBytes = options.Value.MaxSchemaBytes;

    public RegistryLog Log => log;

    /// <summary>Parses a client's schema against the registered schemas it references.</summary>
    public (Candidate? Candidate, GatewayError? Error) Prepare(RegistryState state, SchemaDefinition definition, bool normalize)
    {
        if (string.IsNullOrWhiteSpace(definition.Text))
        {
            return (null, ErrorCatalog.InvalidSchema("Empty schema"));
        }

        if (Encoding.UTF8.GetByteCount(definition.Text) > _maxSchemaBytes)
        {
            return (null, ErrorCatalog.SchemaTooLarge(_maxSchemaBytes));
        }

        var references = new List<SchemaReference>();
        foreach (var reference in definition.References)
        {
            var version = reference.Version == -1 ? state.Latest(reference.Subject, includeDeleted: false)?.Version : reference.Version;
            if (version is not { } concrete || state.Get(reference.Subject, concrete, includeDeleted: true) is null)
            {
                return (null, ErrorCatalog.InvalidSchema(
                    $"Invalid schema of type {definition.Type.ToWireName()}, details: reference '{reference.Name}' names subject '{reference.Subject}' version {reference.Version}, which is not registered"));
            }

            references.Add(reference with { Version = concrete });
        }

        var (resolved, missing) = state.Resolve(references);
        if (resolved is null)
        {
            return (null, ErrorCatalog.InvalidSchema($"Invalid schema of type {definition.Type.ToWireName()}, details: reference '{missing!.Name}' cannot be resolved"));
        }

        var format = SchemaFormats.For(definition.Type);
        var (parsed, problem) = format.Parse(definition.Text, resolved, normalize);
        return parsed is null
            ? (null, ErrorCatalog.InvalidSchema($"Invalid schema of type {definition.Type.ToWireName()}, details: {problem!.Message}"))
            : (new Candidate(definition.Type, format, parsed, references), null);
    }

    /// <summary>Registers the schema under the subject, or answers the version that already holds it.</summary>
    public async Task<(SubjectVersion? Registered, bool Created, GatewayError? Error)> RegisterAsync(string subject, SchemaDefinition definition, bool normalize)
    {
        // This instance's registrations one at a time: they never race each other, only other instances'.
        await _registering.WaitAsync();
        try
        {
            return await RegisterOnceAsync(subject, definition, normalize);
        }
        finally
        {
            _registering.Release();
        }
    }

    private async Task<(SubjectVersion? Registered, bool Created, GatewayError? Error)> RegisterOnceAsync(string subject, SchemaDefinition definition, bool normalize)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await log.SyncAsync() is { } notSynced)
            {
                return (null, false, notSynced);
            }

            var decision = log.Query(state => Decide(state, subject, definition, normalize));
            if (decision.Error is not null || decision.Existing is not null)
            {
                return (decision.Existing, false, decision.Error);
            }

            var write = decision.Write!;
            var (offset, error) = await log.AppendAsync(RegistryRecords.SchemaKey(subject, write.Version), RegistryRecords.Value(subject, write.Version, write.Value));
            if (error is not null)
            {
                return (null, false, error);
            }

            var won = log.Query(state => Won(state, subject, write, offset));
            if (won is not null)
            {
                return (won, true, null);
            }

            LogConflict(logger, subject, write.Version, write.Value.Id, offset, attempt);
            RegistryMetrics.Conflicted();
            if (await RestoreAsync(subject, write.Version, offset) is { } restoreFailed)
            {
                return (null, false, restoreFailed);
            }

            // Instances that lost together would meet again at once; a short random pause spreads them.
            await Task.Delay(Random.Shared.Next(1, 10 * attempt));
        }

        return (null, false, ErrorCatalog.RegistryStoreFailed($"Error while registering the schema: {MaxAttempts} concurrent writes to subject {subject} won over this one"));
    }

    /// <summary>Sets (or, with a null level, removes) the subject's level, or the global one when the subject is null.</summary>
    public async Task<GatewayError?> SetLevelAsync(string? subject, CompatibilityLevel? level)
    {
        var value = level is { } set ? RegistryRecords.ConfigValue(subject, set) : null;
        return (await log.AppendAsync(RegistryRecords.ConfigKey(subject), value)).Error;
    }

    private (SubjectVersion? Existing, PendingWrite? Write, GatewayError? Error) Decide(
        RegistryState state, string subject, SchemaDefinition definition, bool normalize)
    {
        var (candidate, error) = Prepare(state, definition, normalize);
        if (candidate is null)
        {
            return (null, null, error);
        }

        if (state.Find(subject, candidate.Parsed.Fingerprint, includeDeleted: false) is { } existing)
        {
            return (existing, null, null);
        }

        var earlier = state.Versions(subject, includeDeleted: false)
            .Where(v => v.Schema.Parsed is not null)
            .Select(v => (v.Version, v.Schema.Parsed!)).ToArray();
        var result = Compatibility.Check(state.LevelFor(subject), candidate.Format, candidate.Parsed, earlier);
        if (!result.IsCompatible)
        {
            return (null, null, ErrorCatalog.IncompatibleSchema(subject, result.Messages()));
        }

        var id = state.IdOf(candidate.Parsed.Fingerprint) ?? state.MaxId + 1;
        var value = new SchemaValue(id, candidate.Type, candidate.Parsed.Canonical, candidate.References, Deleted: false);
        return (null, new PendingWrite(state.NextVersion(subject), value), null);
    }

    /// <summary>The version registered when the record at <paramref name="offset"/> took effect; null when it lost.</summary>
    private static SubjectVersion? Won(RegistryState state, string subject, PendingWrite write, long offset) =>
        state.OutcomeAt(offset) is { Applied: true } && state.Get(subject, write.Version, includeDeleted: true) is { } entry && entry.Schema.Id == write.Value.Id
            ? entry
            : null;

    /// <summary>
    /// Makes the last record of a subject version's key say what the winners say, after this instance's record at
    /// <paramref name="offset"/> lost: the value it replaced, or the one in force when it was ignored. Repeats when
    /// another write lands in between, so a compacted topic keeps the winners.
    /// </summary>
    private async Task<GatewayError?> RestoreAsync(string subject, int version, long offset)
    {
        var previous = -1L;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await log.SyncAsync() is { } notSynced)
            {
                return notSynced;
            }

            var (done, value) = log.Query(state =>
            {
                var outcome = state.OutcomeAt(offset);
                if (state.LastRecordOf(subject, version) != offset || outcome is null || (previous >= 0 && outcome.PreviousRecord == previous))
                {
                    return (true, null);
                }

                var keep = outcome.Applied ? outcome.Replaced : state.Get(subject, version, includeDeleted: true);
                return (false, keep is null ? null : RegistryRecords.Value(subject, version, ValueOf(keep)));
            });
            if (done)
            {
                return null;
            }

            var (written, error) = await log.AppendAsync(RegistryRecords.SchemaKey(subject, version), value);
            if (error is not null)
            {
                return error;
            }

            (previous, offset) = (offset, written);
        }

        return null;
    }

    public void Dispose() => _registering.Dispose();

    private static SchemaValue ValueOf(SubjectVersion version) =>
        new(version.Schema.Id, version.Schema.Type, version.Schema.Text, version.Schema.References, version.Deleted);

    [LoggerMessage(LogLevel.Information, "Registration of subject {Subject} version {Version} id {Id} at offset {Offset} lost to a concurrent write (attempt {Attempt}); trying again")]
    private static partial void LogConflict(ILogger logger, string subject, int version, int id, long offset, int attempt);

    private sealed record PendingWrite(int Version, SchemaValue Value);
}

/// <summary>A client's schema, parsed against the references it names (made concrete: "latest" is a version number).</summary>
internal sealed record Candidate(SchemaType Type, ISchemaFormat Format, ParsedSchema Parsed, IReadOnlyList<SchemaReference> References);
