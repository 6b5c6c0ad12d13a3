namespace Gateway.Registry.Formats;

/// <summary>One problem found against one earlier version, and which way round the schemas were read.</summary>
internal sealed record CompatibilityFailure(int Version, ParsedSchema Old, SchemaRoles Roles, Incompatibility Problem);

/// <summary>The outcome of <see cref="Compatibility.Check"/>: compatible, or the problems against the one version that failed.</summary>
internal sealed class CompatibilityResult(CompatibilityLevel level, IReadOnlyList<CompatibilityFailure> failures)
{
    public CompatibilityLevel Level { get; } = level;

    public IReadOnlyList<CompatibilityFailure> Failures { get; } = failures;

    public bool IsCompatible => Failures.Count == 0;

    /// <summary>The version the candidate failed against; null when compatible.</summary>
    public int? FailedVersion => IsCompatible ? null : Failures[0].Version;

    /// <summary>
    /// The messages as Confluent's registry lists them in a 409's details and in the verbose compatibility answer:
    /// each problem in its format's shape, then <c>{oldSchemaVersion: N}</c> and <c>{oldSchema: '...'}</c> when the
    /// new schema failed to read the old, then <c>{validateFields: 'false', compatibility: 'LEVEL'}</c>.
    /// </summary>
    public IReadOnlyList<string> Messages()
    {
        if (IsCompatible)
        {
            return [];
        }

        var messages = Failures.Select(f => CompatibilityMessages.Render(f.Old.Type, f.Problem)).ToList();
        var backward = Failures.FirstOrDefault(f => f.Roles == SchemaRoles.NewReadsOld);
        if (backward is not null)
        {
            messages.Add($"{{oldSchemaVersion: {backward.Version}}}");
            messages.Add(CompatibilityMessages.OldSchema(backward.Old.Canonical));
        }

        messages.Add($"{{validateFields: 'false', compatibility: '{Level.ToWireName()}'}}");
        return messages;
    }
}
