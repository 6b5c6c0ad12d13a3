using Confluent.Kafka;

namespace Gateway.Kafka.Security;

/// <summary>
/// librdkafka's OAUTHBEARER refresh callback for MSK IAM: sets a fresh token (librdkafka asks again at
/// 80 % of its lifetime) or reports the failure, so librdkafka retries and readiness shows it.
/// </summary>
internal sealed partial class MskIamTokenRefresher(MskIamTokenProvider provider, KafkaAuthStatus status, ILogger<MskIamTokenRefresher> logger)
{
    /// <summary>MSK ignores the principal, but librdkafka needs one.</summary>
    public const string Principal = "gateway";

    public void Refresh(IClient client, string oauthConfig)
    {
        try
        {
            // Runs on librdkafka's background thread with no synchronization context; signing is local.
            var token = provider.CreateAsync(CancellationToken.None).GetAwaiter().GetResult();
            client.OAuthBearerSetToken(token.Value, token.ExpiresAtMs, Principal);
            status.TokenSet(token.ExpiresAt);
            LogTokenSet(logger, token.ExpiresAt);
        }
        catch (Exception e)
        {
            // Only the message: AWS and librdkafka messages name no secret, and the token never reaches here.
            var reason = $"{e.GetType().Name}: {e.Message}";
            client.OAuthBearerSetTokenFailure(reason);
            status.TokenFailed(reason);
            LogTokenFailed(logger, reason);
        }
    }

    [LoggerMessage(LogLevel.Information, "MSK IAM token set, valid until {ExpiresAt:O}")]
    private static partial void LogTokenSet(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(LogLevel.Error, "MSK IAM token could not be made; librdkafka retries in about 10 s: {Reason}")]
    private static partial void LogTokenFailed(ILogger logger, string reason);
}
