namespace Gateway.Kafka.Security;

/// <summary>The state of the gateway's Kafka authentication token, for readiness and logs.</summary>
internal sealed class KafkaAuthStatus(TimeProvider time)
{
    private readonly Lock _lock = new();

    /// <summary>True when a token is needed (MSK IAM); other modes are always ready as far as tokens go.</summary>
    public bool UsesToken { get; set; }

    public DateTimeOffset? TokenExpiresAt { get; private set; }

    public string? LastFailure { get; private set; }

    public bool TokenValid
    {
        get
        {
            lock (_lock)
            {
                return !UsesToken || (TokenExpiresAt is { } expiry && expiry > time.GetUtcNow());
            }
        }
    }

    public void TokenSet(DateTimeOffset expiresAt)
    {
        lock (_lock)
        {
            TokenExpiresAt = expiresAt;
            LastFailure = null;
        }
    }

    public void TokenFailed(string reason)
    {
        lock (_lock)
        {
            LastFailure = reason;
        }
    }
}
