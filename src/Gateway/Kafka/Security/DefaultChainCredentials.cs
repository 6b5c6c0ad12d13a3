using Amazon.Runtime.Credentials;

namespace Gateway.Kafka.Security;

/// <summary>
/// The AWS SDK's default chain: environment, profile, web identity, container, then the EC2 instance
/// profile. The SDK caches and refreshes what it finds.
/// </summary>
internal sealed class DefaultChainCredentials : IAwsCredentialSource
{
    public async Task<AwsCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
        // Resolve first: the expiry is only current after the SDK has refreshed.
        var current = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        DateTimeOffset? expiration = credentials.Expiration is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null;
        return new AwsCredentials(current.AccessKey, current.SecretKey, current.UseToken ? current.Token : null, expiration);
    }
}
