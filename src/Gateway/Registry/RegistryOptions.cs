namespace Gateway.Registry;

/// <summary>
/// The <c>Registry</c> section: the schema registry the gateway serves itself (stored in a Kafka topic), or, with
/// <see cref="Url"/> set, the external Confluent-API registry it uses instead.
/// </summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>Where the registry API is served, for example <c>/registry</c>, so clients are given <c>http://host:8082/registry</c>.</summary>
    public string BasePath { get; set; } = "/registry";

    /// <summary>The compacted, single-partition topic the registry is stored in (Confluent's and Karapace's default).</summary>
    public string Topic { get; set; } = "_schemas";

    /// <summary>An external registry (<c>https://host:8081</c>, several comma-separated) to use instead of serving one; empty serves the gateway's own.</summary>
    public string Url { get; set; } = "";

    /// <summary>Basic auth towards the external registry: <c>user:password</c> from the environment, or use <see cref="BasicAuthFile"/>.</summary>
    public string BasicAuth { get; set; } = "";

    /// <summary>A file holding <c>user:password</c> for the external registry.</summary>
    public string BasicAuthFile { get; set; } = "";

    /// <summary>A bearer token for the external registry, from the environment, or use <see cref="BearerTokenFile"/>.</summary>
    public string BearerToken { get; set; } = "";

    /// <summary>A file holding the bearer token; read again when it changes, so a rotated token is picked up.</summary>
    public string BearerTokenFile { get; set; } = "";

    /// <summary>Schemas the external registry client keeps in memory.</summary>
    public int CacheCapacity { get; set; } = 1000;

    /// <summary>How long a request to the external registry, or a write to the topic, may take (ms).</summary>
    public int RequestTimeoutMs { get; set; } = 10_000;

    /// <summary>Largest schema text accepted (bytes); larger is refused with 42209, as Confluent refuses one Kafka cannot store.</summary>
    public int MaxSchemaBytes { get; set; } = 900_000;

    /// <summary>True when an external registry is configured.</summary>
    public bool UsesExternalRegistry => !string.IsNullOrWhiteSpace(Url);
}
