using Gateway.Http;

namespace Gateway.Registry.Storage;

internal sealed partial class SchemaStore
{
    /// <summary>Soft-deletes (marks) or permanently deletes every version of the subject; answers the versions deleted.</summary>
    public async Task<(IReadOnlyList<int>? Versions, GatewayError? Error)> DeleteSubjectAsync(string subject, bool permanent)
    {
        if (await log.SyncAsync() is { } notSynced)
        {
            return (null, notSynced);
        }

        var (versions, error, hasConfig) = log.Query(state =>
        {
            if (!state.HasSubject(subject, includeDeleted: true))
            {
                return (null, ErrorCatalog.SubjectNotFound(subject), false);
            }

            if (!permanent && !state.HasSubject(subject, includeDeleted: false))
            {
                return (null, ErrorCatalog.SubjectSoftDeleted(subject), false);
            }

            var doomed = state.Versions(subject, includeDeleted: permanent);
            if (permanent && doomed.FirstOrDefault(v => !v.Deleted) is not null)
            {
                return (null, ErrorCatalog.SubjectNotSoftDeleted(subject), false);
            }

            foreach (var version in doomed)
            {
                var referrers = state.ReferencedBy(subject, version.Version, includeDeleted: permanent)
                    .SelectMany(id => state.VersionsOfId(id, includeDeleted: permanent)).Where(v => v.Subject != subject);
                if (referrers.Any())
                {
                    return (null, ErrorCatalog.ReferenceExists(subject, version.Version), false);
                }
            }

            return ((IReadOnlyList<SubjectVersion>?)doomed, (GatewayError?)null, state.SubjectLevel(subject) is not null);
        });
        if (versions is null)
        {
            return (null, error);
        }

        if (!permanent)
        {
            var (_, failed) = await log.AppendAsync(RegistryRecords.DeleteSubjectKey(subject), RegistryRecords.DeleteSubjectValue(subject, versions[^1].Version));
            return failed is null ? (versions.Select(v => v.Version).ToArray(), null) : (null, failed);
        }

        // Newest first, so versions of the subject that reference older ones go before them.
        foreach (var version in versions.Reverse())
        {
            if ((await log.AppendAsync(RegistryRecords.SchemaKey(subject, version.Version), null)).Error is { } failed)
            {
                return (null, failed);
            }
        }

        if (hasConfig && (await log.AppendAsync(RegistryRecords.ConfigKey(subject), null)).Error is { } configFailed)
        {
            return (null, configFailed);
        }

        return (versions.Select(v => v.Version).ToArray(), null);
    }

    /// <summary>Soft-deletes or permanently deletes one version (<paramref name="version"/> null: the latest).</summary>
    public async Task<(int? Version, GatewayError? Error)> DeleteVersionAsync(string subject, int? version, bool permanent)
    {
        if (await log.SyncAsync() is { } notSynced)
        {
            return (null, notSynced);
        }

        var (target, error, lastOne) = log.Query<(SubjectVersion?, GatewayError?, bool)>(state =>
        {
            var resolved = version ?? state.Latest(subject, includeDeleted: permanent)?.Version;
            var entry = resolved is { } v ? state.Get(subject, v, includeDeleted: true) : null;
            if (entry is null)
            {
                return (null, state.HasSubject(subject, includeDeleted: true) && version is { } asked
                    ? ErrorCatalog.VersionNotFound(asked)
                    : ErrorCatalog.SubjectNotFound(subject), false);
            }

            if (!permanent && entry.Deleted)
            {
                return (null, ErrorCatalog.VersionSoftDeleted(subject, entry.Version), false);
            }

            if (permanent && !entry.Deleted)
            {
                return (null, ErrorCatalog.VersionNotSoftDeleted(subject, entry.Version), false);
            }

            if (state.ReferencedBy(subject, entry.Version, includeDeleted: permanent).Count > 0)
            {
                return (null, ErrorCatalog.ReferenceExists(subject, entry.Version), false);
            }

            var last = permanent && state.Versions(subject, includeDeleted: true).Count == 1 && state.SubjectLevel(subject) is not null;
            return (entry, null, last);
        });
        if (target is null)
        {
            return (null, error);
        }

        var value = permanent ? null : RegistryRecords.Value(subject, target.Version, ValueOf(target) with { Deleted = true });
        if ((await log.AppendAsync(RegistryRecords.SchemaKey(subject, target.Version), value)).Error is { } failed)
        {
            return (null, failed);
        }

        if (lastOne && (await log.AppendAsync(RegistryRecords.ConfigKey(subject), null)).Error is { } configFailed)
        {
            return (null, configFailed);
        }

        return (target.Version, null);
    }
}
