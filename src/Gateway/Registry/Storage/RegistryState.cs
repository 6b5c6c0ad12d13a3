using Gateway.Registry.Formats;

namespace Gateway.Registry.Storage;

/// <summary>
/// The registry as the topic says it is, rebuilt the same way by every instance from the same records, so instances
/// agree without talking to each other. The rules are Confluent's reader's: the last record of a key wins, and a
/// schema record whose id already belongs to a different schema is ignored (first writer of an id wins). Not
/// thread-safe: <see cref="RegistryLog"/> applies records and readers query under its lock.
/// </summary>
internal sealed class RegistryState
{
    private const int OutcomesKept = 20_000;
    private readonly Dictionary<string, SortedList<int, SubjectVersion>> _subjects = new(StringComparer.Ordinal);
    private readonly Dictionary<int, StoredSchema> _byId = [];
    private readonly Dictionary<string, int> _idByFingerprint = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompatibilityLevel> _subjectLevels = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Subject, int Version), long> _lastRecord = [];
    private readonly Dictionary<long, SchemaOutcome> _outcomes = [];
    private readonly Queue<long> _outcomeOrder = new();
    private long _nextOffset;

    /// <summary>The global level set through <c>PUT /config</c>; null when none was set.</summary>
    public CompatibilityLevel? GlobalLevel { get; private set; }

    /// <summary>The largest id any applied record used; new ids are above it, so an id is never given twice.</summary>
    public int MaxId { get; private set; }

    public int SchemaCount => _byId.Count;

    /// <summary>
    /// Applies the record at <paramref name="offset"/>. One at an offset before the last applied is ignored: it was
    /// applied already (a writer applies its own record once Kafka has acknowledged it, and the reader meets it again).
    /// </summary>
    public void Apply(long offset, RegistryRecord record)
    {
        if (offset < _nextOffset)
        {
            return;
        }

        _nextOffset = offset + 1;
        switch (record)
        {
            case SchemaRecord { Value: null } tombstone:
                ApplyTombstone(offset, tombstone.Subject, tombstone.Version);
                break;
            case SchemaRecord schema:
                ApplySchema(offset, schema.Subject, schema.Version, schema.Value);
                break;
            case ConfigRecord { Subject: null } global:
                GlobalLevel = global.Level;
                break;
            case ConfigRecord config when config.Level is { } level:
                _subjectLevels[config.Subject!] = level;
                break;
            case ConfigRecord config:
                _subjectLevels.Remove(config.Subject!);
                break;
            case DeleteSubjectRecord delete:
                ApplyDeleteSubject(offset, delete.Subject, delete.UpToVersion);
                break;
        }
    }

    /// <summary>What happened to the schema record at <paramref name="offset"/>, while it is among the recent ones.</summary>
    public SchemaOutcome? OutcomeAt(long offset) => _outcomes.GetValueOrDefault(offset);

    /// <summary>The offset of the last record of this subject version's key, applied or not; -1 when there is none.</summary>
    public long LastRecordOf(string subject, int version) => _lastRecord.GetValueOrDefault((subject, version), -1);

    public IEnumerable<string> Subjects(bool includeDeleted) =>
        _subjects.Where(s => includeDeleted || s.Value.Values.Any(v => !v.Deleted)).Select(s => s.Key).Order(StringComparer.Ordinal);

    /// <summary>True when the subject has versions (deleted ones only when <paramref name="includeDeleted"/>).</summary>
    public bool HasSubject(string subject, bool includeDeleted) =>
        _subjects.TryGetValue(subject, out var versions) && (includeDeleted || versions.Values.Any(v => !v.Deleted));

    public IReadOnlyList<SubjectVersion> Versions(string subject, bool includeDeleted) =>
        _subjects.TryGetValue(subject, out var versions)
            ? versions.Values.Where(v => includeDeleted || !v.Deleted).ToArray()
            : [];

    public SubjectVersion? Get(string subject, int version, bool includeDeleted) =>
        _subjects.TryGetValue(subject, out var versions) && versions.TryGetValue(version, out var found) && (includeDeleted || !found.Deleted)
            ? found
            : null;

    public SubjectVersion? Latest(string subject, bool includeDeleted)
    {
        var versions = Versions(subject, includeDeleted);
        return versions.Count > 0 ? versions[^1] : null;
    }

    /// <summary>The version after the subject's highest, deleted ones counted, as Confluent numbers them.</summary>
    public int NextVersion(string subject) =>
        _subjects.TryGetValue(subject, out var versions) && versions.Count > 0 ? versions.Keys[^1] + 1 : 1;

    /// <summary>The newest version of the subject holding this schema.</summary>
    public SubjectVersion? Find(string subject, string fingerprint, bool includeDeleted) =>
        Versions(subject, includeDeleted).LastOrDefault(v => v.Schema.Fingerprint == fingerprint);

    /// <summary>The schema with this id while some subject version (soft-deleted included) still uses it.</summary>
    public StoredSchema? ById(int id) => _byId.TryGetValue(id, out var schema) && schema.Versions > 0 ? schema : null;

    /// <summary>The id this schema already has, if any subject version still uses it.</summary>
    public int? IdOf(string fingerprint) =>
        _idByFingerprint.TryGetValue(fingerprint, out var id) && ById(id)?.Fingerprint == fingerprint ? id : null;

    public IReadOnlyList<SubjectVersion> VersionsOfId(int id, bool includeDeleted) =>
        _byId.TryGetValue(id, out var schema)
            ? schema.UsedBy.Select(used => _subjects[used.Subject][used.Version])
                .Where(v => includeDeleted || !v.Deleted)
                .OrderBy(v => v.Subject, StringComparer.Ordinal).ThenBy(v => v.Version)
                .ToArray()
            : [];

    /// <summary>Ids of the schemas that reference this subject version, from versions not deleted (or any, when asked).</summary>
    public IReadOnlyList<int> ReferencedBy(string subject, int version, bool includeDeleted) =>
        _subjects.Values.SelectMany(v => v.Values)
            .Where(v => (includeDeleted || !v.Deleted) && v.Schema.References.Any(r => r.Subject == subject && r.Version == version))
            .Select(v => v.Schema.Id).Distinct().Order().ToArray();

    /// <summary>The subject's own level, when one was set.</summary>
    public CompatibilityLevel? SubjectLevel(string subject) => _subjectLevels.TryGetValue(subject, out var level) ? level : null;

    /// <summary>The level that applies: the subject's, else the global one, else BACKWARD.</summary>
    public CompatibilityLevel LevelFor(string subject) => SubjectLevel(subject) ?? GlobalLevel ?? CompatibilityLevel.Backward;

    /// <summary>
    /// The texts a schema with these references is parsed with: each reference's own references first, then the
    /// reference, each name once. Null, with the reference at fault, when one is not registered.
    /// </summary>
    public (IReadOnlyList<ResolvedReference>? Resolved, SchemaReference? Missing) Resolve(IReadOnlyList<SchemaReference> references)
    {
        var resolved = new List<ResolvedReference>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            if (Add(reference, depth: 0) is { } missing)
            {
                return (null, missing);
            }
        }

        return (resolved, null);

        SchemaReference? Add(SchemaReference reference, int depth)
        {
            var target = Get(reference.Subject, reference.Version, includeDeleted: true);
            if (target is null || depth > 32)
            {
                return reference;
            }

            foreach (var inner in target.Schema.References)
            {
                if (Add(inner, depth + 1) is { } missing)
                {
                    return missing;
                }
            }

            if (names.Add(reference.Name))
            {
                resolved.Add(new ResolvedReference(reference.Name, target.Schema.Text, target.Schema.Type));
            }

            return null;
        }
    }

    private void ApplySchema(long offset, string subject, int version, SchemaValue value)
    {
        var key = (subject, version);
        var previousRecord = _lastRecord.GetValueOrDefault(key, -1);
        _lastRecord[key] = offset;
        var versions = _subjects.GetValueOrDefault(subject);
        var previous = versions?.GetValueOrDefault(version);
        var schema = SchemaFor(value);
        // First writer wins: a record that would change what a subject version holds (rather than mark it deleted)
        // lost to the one before it, so every instance ignores it the same way.
        if (schema is null || (previous is not null && previous.Schema != schema))
        {
            Remember(new SchemaOutcome(offset, false, previousRecord, previous));
            return;
        }

        if (!_byId.TryGetValue(schema.Id, out var known) || known != schema)
        {
            _byId[schema.Id] = schema;
            _idByFingerprint[schema.Fingerprint] = schema.Id;
        }

        if (versions is null)
        {
            versions = [];
            _subjects[subject] = versions;
        }

        previous?.Schema.Release(subject, version);
        schema.Use(subject, version);
        versions[version] = new SubjectVersion(subject, version, schema, value.Deleted, offset);
        MaxId = Math.Max(MaxId, schema.Id);
        Remember(new SchemaOutcome(offset, true, previousRecord, previous));
    }

    /// <summary>
    /// The schema a record's id stands for; null when the record lost: its id already belongs to a different schema
    /// (Confluent's rule), or its schema already has another id (so a schema never has two).
    /// </summary>
    private StoredSchema? SchemaFor(SchemaValue value)
    {
        if (_byId.TryGetValue(value.Id, out var existing) && existing.Versions > 0)
        {
            var same = existing.Type == value.Type && existing.Text == value.Schema && existing.References.SequenceEqual(value.References);
            return same || existing.Fingerprint == Parse(value).Fingerprint ? existing : null;
        }

        var parsed = Parse(value);
        return IdOf(parsed.Fingerprint) is { } other && other != value.Id ? null : parsed;
    }

    private StoredSchema Parse(SchemaValue value)
    {
        var (resolved, _) = Resolve(value.References);
        var (parsed, _) = resolved is null ? (null, null) : SchemaFormats.For(value.Type).Parse(value.Schema, resolved, normalize: false);
        var fingerprint = parsed?.Fingerprint ?? StoredSchema.RawFingerprint(value.Type, value.Schema, value.References);
        return new StoredSchema(value.Id, value.Type, value.Schema, value.References, fingerprint, parsed);
    }

    private void ApplyTombstone(long offset, string subject, int version)
    {
        var key = (subject, version);
        var previousRecord = _lastRecord.GetValueOrDefault(key, -1);
        _lastRecord[key] = offset;
        SubjectVersion? previous = null;
        if (_subjects.TryGetValue(subject, out var versions) && versions.TryGetValue(version, out var live) && !live.Deleted)
        {
            // First writer wins here too: a permanent delete only follows a soft one, so a tombstone on a live version
            // is a losing writer's clean-up that raced a winner, and the winner stays.
            Remember(new SchemaOutcome(offset, false, previousRecord, live));
            return;
        }

        if (versions is not null && versions.Remove(version, out previous))
        {
            previous.Schema.Release(subject, version);
            if (versions.Count == 0)
            {
                _subjects.Remove(subject);
            }
        }

        Remember(new SchemaOutcome(offset, true, previousRecord, previous));
    }

    private void ApplyDeleteSubject(long offset, string subject, int upToVersion)
    {
        if (!_subjects.TryGetValue(subject, out var versions))
        {
            return;
        }

        foreach (var entry in versions.Values.Where(v => v.Version <= upToVersion && !v.Deleted).ToArray())
        {
            versions[entry.Version] = entry with { Deleted = true, Offset = offset };
        }
    }

    private void Remember(SchemaOutcome outcome)
    {
        _outcomes[outcome.Offset] = outcome;
        _outcomeOrder.Enqueue(outcome.Offset);
        while (_outcomeOrder.Count > OutcomesKept)
        {
            _outcomes.Remove(_outcomeOrder.Dequeue());
        }
    }
}

/// <summary>
/// What applying one schema record did: whether it took effect, the offset of the record of the same key before it,
/// and the version it replaced. Writers read it to learn whether their record won.
/// </summary>
internal sealed record SchemaOutcome(long Offset, bool Applied, long PreviousRecord, SubjectVersion? Replaced);
