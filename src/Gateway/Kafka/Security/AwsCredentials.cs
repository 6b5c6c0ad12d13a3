namespace Gateway.Kafka.Security;

/// <summary>AWS credentials as of one moment. <see cref="ToString"/> never shows the secrets.</summary>
internal sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken, DateTimeOffset? Expiration)
{
    public override string ToString() => $"AWS credentials {AccessKeyId} (expires {Expiration?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "never"})";
}

/// <summary>Where AWS credentials come from.</summary>
internal interface IAwsCredentialSource
{
    /// <summary>Current credentials, refreshed first when they are about to expire.</summary>
    Task<AwsCredentials> GetAsync(CancellationToken cancellationToken);
}
