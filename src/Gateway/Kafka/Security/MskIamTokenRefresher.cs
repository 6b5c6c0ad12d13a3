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

    /// <summary>
    /// Called on librdkafka's thread, the one that also delivers every delivery report: it only starts the
    /// work, since making a token may ask STS or the instance metadata service. The token is handed to
    /// the client when it is ready; librdkafka keeps its current one until then.
    /// </summary>
    public void Refresh(IClient client, string oauthConfig) => _ = Task.Run(() => RefreshAsync(client));

    private async Task RefreshAsync(IClient client)
    {
        try
        {
            var token = await provider.CreateAsync(CancellationToken.None).ConfigureAwait(false);
            client.OAuthBearerSetToken(token.Value, token.ExpiresAtMs, Principal);
            status.TokenSet(token.ExpiresAt);
            LogTokenSet(logger, token.ExpiresAt);
        }
        catch (Exception e)
        {
            // Only the message: AWS and librdkafka messages name no secret, and the token never reaches here.
            var reason = $"{e.GetType().Name}: {e.Message}";
            TellClient(client, reason);
            status.TokenFailed(reason);
            LogTokenFailed(logger, reason);
        }
    }

    private static void TellClient(IClient client, string reason)
    {
        try
        {
            client.OAuthBearerSetTokenFailure(reason);
        }
        catch (ObjectDisposedException)
        {
            // The client was closed (a producer replaced) while its token was being made.
        }
    }

    [LoggerMessage(LogLevel.Information, "MSK IAM token set, valid until {ExpiresAt:O}")]
    private static partial void LogTokenSet(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(LogLevel.Error, "MSK IAM token could not be made; librdkafka retries in about 10 s: {Reason}")]
    private static partial void LogTokenFailed(ILogger logger, string reason);
}
