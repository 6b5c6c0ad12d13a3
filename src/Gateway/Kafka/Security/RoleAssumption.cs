using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Gateway.Kafka.Security;

/// <summary>
/// Credentials of an assumed role (kafka-rest's <c>awsRoleArn</c>), obtained from STS with the source
/// credentials and reused until five minutes before they expire.
/// </summary>
internal sealed class RoleAssumption(IAwsCredentialSource source, KafkaSecurityOptions options, TimeProvider time) : IAwsCredentialSource, IDisposable
{
    public const int DurationSeconds = 3600;
    private static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AwsCredentials? _current;

    public static AssumeRoleRequest CreateRequest(KafkaSecurityOptions options)
    {
        var request = new AssumeRoleRequest
        {
            RoleArn = options.AwsRoleArn,
            RoleSessionName = options.AwsRoleSessionName,
            DurationSeconds = DurationSeconds,
        };
        if (options.AwsRoleExternalId.Length > 0)
        {
            request.ExternalId = options.AwsRoleExternalId;
        }

        return request;
    }

    public async Task<AwsCredentials> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current?.Expiration is { } expiry && expiry - time.GetUtcNow() > RefreshBefore)
            {
                return _current;
            }

            var from = await source.GetAsync(cancellationToken).ConfigureAwait(false);
            AWSCredentials sourceCredentials = from.SessionToken is null
                ? new BasicAWSCredentials(from.AccessKeyId, from.SecretAccessKey)
                : new SessionAWSCredentials(from.AccessKeyId, from.SecretAccessKey, from.SessionToken);
            var region = options.AwsStsRegion.Length > 0 ? options.AwsStsRegion : options.EffectiveAwsRegion;
            using var sts = new AmazonSecurityTokenServiceClient(sourceCredentials, RegionEndpoint.GetBySystemName(region));
            var response = await sts.AssumeRoleAsync(CreateRequest(options), cancellationToken).ConfigureAwait(false);
            var assumed = response.Credentials;
            _current = new AwsCredentials(assumed.AccessKeyId, assumed.SecretAccessKey, assumed.SessionToken,
                assumed.Expiration is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
