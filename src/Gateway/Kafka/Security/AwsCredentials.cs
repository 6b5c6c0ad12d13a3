namespace Gateway.Kafka.Security;

/// <summary>AWS credentials as of one moment. <see cref="ToString"/> never shows the secrets, nor the whole key id.</summary>
internal sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken, DateTimeOffset? Expiration)
{
    /// <summary>The key id's last four characters, enough to tell keys apart in a log line, as the AWS console shows them.</summary>
    public string KeyIdHint => AccessKeyId.Length > 4 ? $"…{AccessKeyId[^4..]}" : "…";

    public override string ToString() => $"AWS credentials {KeyIdHint} (expires {Expiration?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "never"})";
}

/// <summary>Where AWS credentials come from.</summary>
internal interface IAwsCredentialSource
{
    /// <summary>Current credentials, refreshed first when they are about to expire.</summary>
    Task<AwsCredentials> GetAsync(CancellationToken cancellationToken);
}
