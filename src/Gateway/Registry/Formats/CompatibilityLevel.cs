namespace Gateway.Registry.Formats;

/// <summary>A subject's compatibility level; on the wire NONE, BACKWARD, BACKWARD_TRANSITIVE and so on.</summary>
internal enum CompatibilityLevel
{
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}

/// <summary>The wire names of <see cref="CompatibilityLevel"/>.</summary>
internal static class CompatibilityLevels
{
    /// <summary>Reads a level by its wire name, case-insensitive; false for anything else (the registry's 42203).</summary>
    public static bool TryParse(string? wireName, out CompatibilityLevel level)
    {
        foreach (var candidate in Enum.GetValues<CompatibilityLevel>())
        {
            if (string.Equals(ToWireName(candidate), wireName, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }

        level = CompatibilityLevel.Backward;
        return false;
    }

    public static string ToWireName(this CompatibilityLevel level) => level switch
    {
        CompatibilityLevel.None => "NONE",
        CompatibilityLevel.Backward => "BACKWARD",
        CompatibilityLevel.BackwardTransitive => "BACKWARD_TRANSITIVE",
        CompatibilityLevel.Forward => "FORWARD",
        CompatibilityLevel.ForwardTransitive => "FORWARD_TRANSITIVE",
        CompatibilityLevel.Full => "FULL",
        CompatibilityLevel.FullTransitive => "FULL_TRANSITIVE",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>True when the candidate must read earlier data.</summary>
    public static bool ChecksBackward(this CompatibilityLevel level) =>
        level is CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive
            or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;

    /// <summary>True when earlier schemas must read the candidate's data.</summary>
    public static bool ChecksForward(this CompatibilityLevel level) =>
        level is CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive
            or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;

    public static bool IsTransitive(this CompatibilityLevel level) =>
        level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive
            or CompatibilityLevel.FullTransitive;
}
