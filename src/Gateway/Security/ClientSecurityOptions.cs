namespace Gateway.Security;

/// <summary>The <c>Security</c> section: who may call the gateway and which topics each may produce to.</summary>
public sealed class ClientSecurityOptions
{
    public const string Section = "Security";

    /// <summary>Requests with no credentials are served as the anonymous principal (development only).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// Anonymous callers are allowed on a configured (non-embedded) Kafka cluster too; without it, start-up
    /// stops when <see cref="AllowAnonymous"/> meets <c>Kafka:BootstrapServers</c>.
    /// </summary>
    public bool AllowAnonymousWithExternalKafka { get; set; }

    /// <summary>The anonymous principal may create topics on first produce (with <c>Kafka:AutoCreateTopics</c>).</summary>
    public bool AnonymousMayCreateTopics { get; set; }

    /// <summary>Topic patterns (whole-name regular expressions) the anonymous principal may produce to; unset allows none.</summary>
    public List<string>? AnonymousTopics { get; set; }

    /// <summary>The anonymous principal's patterns in force.</summary>
    public IReadOnlyList<string> EffectiveAnonymousTopics => AnonymousTopics ?? [];

    /// <summary>Topic patterns the anonymous principal may read (consumers); unset takes <see cref="AnonymousTopics"/>.</summary>
    public List<string>? AnonymousReadTopics { get; set; }

    /// <summary>The anonymous principal's read patterns in force.</summary>
    public IReadOnlyList<string> EffectiveAnonymousReadTopics => AnonymousReadTopics is { Count: > 0 } topics ? topics : EffectiveAnonymousTopics;

    /// <summary>Subject patterns the anonymous principal may read and register schemas under; unset allows none.</summary>
    public List<string>? AnonymousSubjects { get; set; }

    /// <summary>The anonymous principal's subject patterns in force.</summary>
    public IReadOnlyList<string> EffectiveAnonymousSubjects => AnonymousSubjects ?? [];

    /// <summary>Header that carries an API key.</summary>
    public string ApiKeyHeader { get; set; } = "X-API-Key";

    /// <summary>API keys by principal name, stored as SHA-256 hashes; a principal may list several while it rotates.</summary>
    public Dictionary<string, ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>A secret every request must carry (API Gateway's integration request adds it), or empty for none.</summary>
    public SharedSecretOptions SharedSecret { get; set; } = new();

    /// <summary>JWT bearer tokens; off while <see cref="JwtOptions.Issuer"/> is empty.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Requests per second each principal may make, whichever of its keys it uses; 0 for no limit.</summary>
    public int RequestsPerSecond { get; set; }

    /// <summary>
    /// Refused requests (401, 403) per second one client address may make before its requests are answered
    /// 429 without being looked at; 0 for no limit.
    /// </summary>
    public int RefusalsPerSecond { get; set; } = 20;

    /// <summary>Origins allowed to call from a browser; empty turns CORS off.</summary>
    public List<string> CorsOrigins { get; set; } = [];
}

public sealed class ApiKeyOptions
{
    /// <summary>
    /// Lower-case hex SHA-256 of the key (<c>printf %s "$KEY" | sha256sum</c>), never the key itself; several,
    /// separated by commas or spaces, while a key rotates (one principal, one rate budget).
    /// </summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The hashes in <see cref="Sha256"/>.</summary>
    public IReadOnlyList<string> Hashes => Sha256.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The key is refused (401), effective without a restart when the configuration file changes.</summary>
    public bool Revoked { get; set; }

    /// <summary>Topic patterns this key may produce to.</summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>Topic patterns this key may read through consumers; separate from <see cref="Topics"/>.</summary>
    public List<string> ReadTopics { get; set; } = [];

    /// <summary>This key may read the cluster's administrative view (brokers, configs, consumer groups, lag).</summary>
    public bool Admin { get; set; }

    /// <summary>Registry subjects this key may read, register under, configure and delete.</summary>
    public SubjectGrantOptions Subjects { get; set; } = new();
}

/// <summary>Subject patterns (whole-name regular expressions) per registry operation.</summary>
public sealed class SubjectGrantOptions
{
    public List<string> Read { get; set; } = [];

    public List<string> Register { get; set; } = [];

    public List<string> Configure { get; set; } = [];

    public List<string> Delete { get; set; } = [];
}

public sealed class SharedSecretOptions
{
    public string Header { get; set; } = "X-Gateway-Secret";

    /// <summary>The secret, from the environment (<c>Security__SharedSecret__Value</c>); never commit it.</summary>
    public string Value { get; set; } = "";

    /// <summary>The value before the last rotation, accepted as well until it is removed.</summary>
    public string PreviousValue { get; set; } = "";

    /// <summary>
    /// A file holding the secret, for secrets mounted as files: the current value on its first line and,
    /// optionally, the previous one on its second. A changed file is picked up while the gateway runs.
    /// </summary>
    public string ValueFile { get; set; } = "";

    public bool Enabled => Value.Length > 0 || ValueFile.Length > 0;

    /// <summary>The values accepted now: current first, then previous.</summary>
    public IReadOnlyList<string> EffectiveValues
    {
        get
        {
            var values = Value.Length > 0 ? [Value, PreviousValue] : FileValues(ValueFile);
            return values.Where(v => v.Length > 0).ToArray();
        }
    }

    public static string[] FileValues(string file) =>
        file.Length > 0 && File.Exists(file) ? File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).Take(2).ToArray() : [];
}

public sealed class JwtOptions
{
    public string Issuer { get; set; } = "";

    public string Audience { get; set; } = "";

    /// <summary>HMAC key (base64) from the environment; or use <see cref="SigningKeyFile"/>.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>A file with the HMAC key (base64) or an RSA public key (PEM).</summary>
    public string SigningKeyFile { get; set; } = "";

    /// <summary>
    /// Claim listing the topics a token may produce to: literal names or globs (<c>*</c> any run of name
    /// characters, <c>?</c> one), space-separated or an array; never regular expressions.
    /// </summary>
    public string TopicsClaim { get; set; } = "topics";

    /// <summary>Claim listing the topics a token may read through consumers, as <see cref="TopicsClaim"/>.</summary>
    public string ReadTopicsClaim { get; set; } = "read_topics";

    /// <summary>Claim that, when <c>true</c>, lets a token read the cluster's administrative view.</summary>
    public string AdminClaim { get; set; } = "gateway_admin";

    /// <summary>
    /// Prefix of the claims listing registry subjects per operation: <c>registry_read</c>,
    /// <c>registry_register</c>, <c>registry_configure</c>, <c>registry_delete</c>.
    /// </summary>
    public string RegistryClaimPrefix { get; set; } = "registry_";

    /// <summary>
    /// Claims naming a token's principal, in order; the first present wins (one principal, one rate
    /// budget). A token with none of them is refused.
    /// </summary>
    public static IReadOnlyList<string> PrincipalClaims { get; } = ["sub", "client_id", "azp", "jti"];

    public bool Enabled => Issuer.Length > 0;
}
