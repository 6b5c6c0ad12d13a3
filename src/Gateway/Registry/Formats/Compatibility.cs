namespace Gateway.Registry.Formats;

/// <summary>Checks a candidate schema against a subject's earlier versions at a compatibility level.</summary>
internal static class Compatibility
{
    /// <summary>
    /// Checks <paramref name="candidate"/> against <paramref name="earlier"/> (oldest first, soft-deleted versions
    /// left out). BACKWARD: the candidate reads the latest version's data; FORWARD: the latest reads the
    /// candidate's; FULL: both; the transitive levels check every earlier version, newest first, and stop at the
    /// first that fails, as Confluent's registry does; NONE is always compatible.
    /// </summary>
    public static CompatibilityResult Check(
        CompatibilityLevel level, ISchemaFormat format, ParsedSchema candidate,
        IReadOnlyList<(int Version, ParsedSchema Schema)> earlier)
    {
        if (level == CompatibilityLevel.None || earlier.Count == 0)
        {
            return new CompatibilityResult(level, []);
        }

        var versions = level.IsTransitive() ? earlier.Reverse() : [earlier[^1]];
        foreach (var (version, schema) in versions)
        {
            var failures = Against(level, format, candidate, version, schema);
            if (failures.Count > 0)
            {
                return new CompatibilityResult(level, failures);
            }
        }

        return new CompatibilityResult(level, []);
    }

    private static List<CompatibilityFailure> Against(
        CompatibilityLevel level, ISchemaFormat format, ParsedSchema candidate, int version, ParsedSchema old)
    {
        var failures = new List<CompatibilityFailure>();
        if (old.Type != candidate.Type)
        {
            failures.Add(new(version, old, SchemaRoles.NewReadsOld, DifferentType));
            return failures;
        }

        // Confluent's FULL reports the forward problems first.
        if (level.ChecksForward())
        {
            failures.AddRange(format.ReadIncompatibilities(old, candidate, SchemaRoles.OldReadsNew)
                .Select(problem => new CompatibilityFailure(version, old, SchemaRoles.OldReadsNew, problem)));
        }

        if (level.ChecksBackward())
        {
            failures.AddRange(format.ReadIncompatibilities(candidate, old, SchemaRoles.NewReadsOld)
                .Select(problem => new CompatibilityFailure(version, old, SchemaRoles.NewReadsOld, problem)));
        }

        return failures;
    }

    private static readonly Incompatibility DifferentType =
        new("SCHEMA_TYPE_CHANGED", "", "Incompatible because of different schema type");
}
