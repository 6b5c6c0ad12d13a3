namespace Gateway.Security;

/// <summary>Who made a request, and what they may do on which names.</summary>
internal sealed class Caller(string name, IReadOnlyDictionary<Permission, NamePatterns> grants, bool admin)
{
    public const string ClusterResource = "";

    /// <summary>Kafka's own topics (<c>__consumer_offsets</c>, <c>__transaction_state</c>, ...) begin with this and are never produced to.</summary>
    public const string InternalTopicPrefix = "__";

    public string Name { get; } = name;

    /// <summary>The caller may have topics created on first produce (when <c>Kafka:AutoCreateTopics</c> is on).</summary>
    public bool MayCreateTopics { get; init; } = true;

    /// <summary>Grants the caller's credentials carry that are not well formed, by permission, shown in refusals.</summary>
    public IReadOnlyDictionary<Permission, string> MalformedGrants { get; init; } = new Dictionary<Permission, string>();

    /// <summary>True when the caller holds <paramref name="permission"/> on <paramref name="resource"/> (a topic or subject).</summary>
    public bool May(Permission permission, string resource) => permission switch
    {
        Permission.Admin => admin,
        Permission.Produce when resource.StartsWith(InternalTopicPrefix, StringComparison.Ordinal) => false,
        _ => grants.TryGetValue(permission, out var names) && names.Matches(resource),
    };

    public bool MayProduceTo(string topic) => May(Permission.Produce, topic);

    /// <summary>The caller may produce to or read <paramref name="topic"/>, so metadata may show it.</summary>
    public bool MaySee(string topic) => May(Permission.Produce, topic) || May(Permission.Read, topic);
}
