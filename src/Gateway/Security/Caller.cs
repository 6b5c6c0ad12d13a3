namespace Gateway.Security;

/// <summary>Who made a request, and what they may do on which names.</summary>
internal sealed class Caller(string name, IReadOnlyDictionary<Permission, NamePatterns> grants, bool admin)
{
    public const string ClusterResource = "";

    public string Name { get; } = name;

    /// <summary>True when the caller holds <paramref name="permission"/> on <paramref name="resource"/> (a topic or subject).</summary>
    public bool May(Permission permission, string resource) => permission == Permission.Admin
        ? admin
        : grants.TryGetValue(permission, out var names) && names.Matches(resource);

    public bool MayProduceTo(string topic) => May(Permission.Produce, topic);
}
