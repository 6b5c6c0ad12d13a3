namespace Gateway.Kafka.Security;

/// <summary>How the gateway authenticates to Kafka and protects the connection.</summary>
public enum KafkaSecurityMode
{
    /// <summary>No TLS, no authentication (the embedded cluster, or a private development cluster).</summary>
    Plaintext,

    /// <summary>TLS, no authentication.</summary>
    Tls,

    /// <summary>SASL PLAIN with a username and password.</summary>
    SaslPlain,

    /// <summary>SASL SCRAM-SHA-256 with a username and password.</summary>
    SaslScram256,

    /// <summary>SASL SCRAM-SHA-512 with a username and password.</summary>
    SaslScram512,

    /// <summary>Amazon MSK IAM: SASL OAUTHBEARER over TLS with a SigV4-signed token made in process.</summary>
    AwsMskIam,
}

/// <summary>The <c>Kafka:Security</c> configuration section.</summary>
public sealed class KafkaSecurityOptions
{
    public KafkaSecurityMode Mode { get; set; } = KafkaSecurityMode.Plaintext;

    /// <summary>PEM file of the certificate authorities to trust; empty uses the system's.</summary>
    public string CaFile { get; set; } = "";

    /// <summary>SASL PLAIN and SCRAM: run SASL over TLS (true) or over plaintext (false).</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>SASL PLAIN and SCRAM username.</summary>
    public string Username { get; set; } = "";

    /// <summary>SASL PLAIN and SCRAM password, from the environment (<c>Kafka__Security__Password</c>).</summary>
    public string Password { get; set; } = "";

    /// <summary>A file holding the SASL password, for secrets mounted as files.</summary>
    public string PasswordFile { get; set; } = "";

    /// <summary>MSK IAM: the cluster's AWS region; empty takes <c>AWS_REGION</c>.</summary>
    public string AwsRegion { get; set; } = "";

    /// <summary>MSK IAM: a role to assume with the default credentials, as kafka-rest's <c>awsRoleArn</c>.</summary>
    public string AwsRoleArn { get; set; } = "";

    /// <summary>MSK IAM: session name of the assumed role; kept constant so re-authentication keeps its principal.</summary>
    public string AwsRoleSessionName { get; set; } = "gateway";

    /// <summary>MSK IAM: external id the role's trust policy asks for, if any.</summary>
    public string AwsRoleExternalId { get; set; } = "";

    /// <summary>MSK IAM: the region of the STS endpoint used to assume the role; empty uses <see cref="AwsRegion"/>.</summary>
    public string AwsStsRegion { get; set; } = "";

    /// <summary>The region in force: the configured one, else <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>.</summary>
    public string EffectiveAwsRegion =>
        FirstSet(AwsRegion, Environment.GetEnvironmentVariable("AWS_REGION"), Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"));

    /// <summary>The password in force: the configured one, else the content of <see cref="PasswordFile"/>.</summary>
    public string EffectivePassword =>
        Password.Length > 0 ? Password : PasswordFile.Length > 0 && File.Exists(PasswordFile) ? File.ReadAllText(PasswordFile).Trim() : "";

    public bool UsesSasl => Mode is KafkaSecurityMode.SaslPlain or KafkaSecurityMode.SaslScram256 or KafkaSecurityMode.SaslScram512;

    private static string FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "";
}
