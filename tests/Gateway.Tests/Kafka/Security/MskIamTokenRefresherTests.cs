using Confluent.Kafka;
using Gateway.Kafka.Security;
using Gateway.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Kafka.Security;

/// <summary>librdkafka calls the refresh handler right after Build, even with no broker to reach.</summary>
public sealed class MskIamTokenRefresherTests
{
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLE/SessionToken";

    [Fact]
    public async Task Refresh_OnARealClient_SetsTokenAndReportsItValid_LoggingNoSecret()
    {
        var expiry = DateTimeOffset.UtcNow.AddHours(1);
        using var logs = new CapturedLogs();
        var status = new KafkaAuthStatus(TimeProvider.System) { UsesToken = true };
        var refresher = Refresher(new MskIamTokenProviderTests.FixedCredentials(new AwsCredentials("ASIAEXAMPLE", SecretKey, SessionToken, expiry)), status, logs);
        using (var producer = Build(refresher))
        {
            // The token is reported set before its log line is written: wait for both.
            await WaitUntilAsync(() => (status.TokenExpiresAt is not null && logs.All.Contains("MSK IAM token set", StringComparison.Ordinal)) || status.LastFailure is not null);
        }

        Assert.Null(status.LastFailure);
        Assert.True(status.TokenValid);
        Assert.InRange(status.TokenExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        Assert.Contains("MSK IAM token set", logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(SessionToken, logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz-Signature", logs.All, StringComparison.Ordinal);
        // Every token starts with the base64url of "https://kafka".
        Assert.DoesNotContain("aHR0cHM6Ly9rYWZrYS", logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_WithoutCredentials_ReportsFailureToLibrdkafkaAndReadiness()
    {
        using var logs = new CapturedLogs();
        var status = new KafkaAuthStatus(TimeProvider.System) { UsesToken = true };
        var refresher = Refresher(new MskIamTokenProviderTests.MissingCredentials(), status, logs);

        using (var producer = Build(refresher))
        {
            await WaitUntilAsync(() => status.LastFailure is not null);
        }

        Assert.False(status.TokenValid);
        Assert.Contains("Failed to resolve AWS credentials", status.LastFailure, StringComparison.Ordinal);
        Assert.Contains("could not be made", logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_ReturnsToLibrdkafkaAtOnce_AndSetsTheTokenWhenCredentialsArrive()
    {
        using var logs = new CapturedLogs();
        var status = new KafkaAuthStatus(TimeProvider.System) { UsesToken = true };
        var credentials = new SlowCredentials(new AwsCredentials("ASIAEXAMPLE", SecretKey, SessionToken, DateTimeOffset.UtcNow.AddHours(1)));
        var refresher = Refresher(credentials, status, logs);
        var returned = false;
        try
        {
            using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
            {
                BootstrapServers = "127.0.0.1:1",
                SecurityProtocol = SecurityProtocol.SaslSsl,
                SaslMechanism = SaslMechanism.OAuthBearer,
            })
            .SetOAuthBearerTokenRefreshHandler((client, config) =>
            {
                refresher.Refresh(client, config);
                returned = true;
            })
            .Build();

            // While credentials are still on their way, librdkafka's thread is already free.
            await WaitUntilAsync(() => returned);
            Assert.Null(status.TokenExpiresAt);
            credentials.Arrive();
            await WaitUntilAsync(() => status.TokenExpiresAt is not null);
        }
        finally
        {
            credentials.Arrive();
        }

        Assert.True(status.TokenValid);
    }

    /// <summary>Credentials that take as long as the test says, as STS or IMDS may.</summary>
    private sealed class SlowCredentials(AwsCredentials credentials) : IAwsCredentialSource
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Arrive() => _arrived.TrySetResult();

        public async Task<AwsCredentials> GetAsync(CancellationToken cancellationToken)
        {
            await _arrived.Task;
            return credentials;
        }
    }

    private static MskIamTokenRefresher Refresher(IAwsCredentialSource credentials, KafkaAuthStatus status, CapturedLogs logs)
    {
        var provider = new MskIamTokenProvider(credentials, new KafkaSecurityOptions { AwsRegion = "us-east-1" }, TimeProvider.System);
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        return new MskIamTokenRefresher(provider, status, factory.CreateLogger<MskIamTokenRefresher>());
    }

    private static IProducer<byte[], byte[]> Build(MskIamTokenRefresher refresher) =>
        new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = "127.0.0.1:1",
            SecurityProtocol = SecurityProtocol.SaslSsl,
            SaslMechanism = SaslMechanism.OAuthBearer,
        })
        .SetOAuthBearerTokenRefreshHandler(refresher.Refresh)
        .Build();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the refresh handler did not run within 30 s");
            await Task.Delay(50);
        }
    }
}
