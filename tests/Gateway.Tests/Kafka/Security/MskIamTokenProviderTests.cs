using System.Web;
using Gateway.Kafka.Security;

namespace Gateway.Tests.Kafka.Security;

/// <summary>Tokens never outlive the credentials they were signed with.</summary>
public sealed class MskIamTokenProviderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, 500, TimeSpan.Zero);

    [Theory]
    [InlineData(21_600.0, 900)]
    [InlineData(299.7, 299)]
    [InlineData(300.0, 300)]
    [InlineData(null, 900)]
    public async Task Create_CapsLifetimeAtCredentialExpiry_AsWholeSeconds(double? secondsLeft, int expectedLifetime)
    {
        var expiry = secondsLeft is { } s ? Now.AddSeconds(s) : (DateTimeOffset?)null;
        var provider = Provider(new AwsCredentials("ASIAEXAMPLE", "secret", "session", expiry));

        var token = await provider.CreateAsync(CancellationToken.None);

        var query = HttpUtility.ParseQueryString(new Uri(MskIamSignerTests.DecodeToken(token.Value)).Query);
        Assert.Equal(expectedLifetime.ToString(System.Globalization.CultureInfo.InvariantCulture), query["X-Amz-Expires"]);
        Assert.Equal((Now.ToUnixTimeSeconds() + expectedLifetime) * 1000, token.ExpiresAtMs);
        Assert.Equal("eu-west-1", query["X-Amz-Credential"]!.Split('/')[2]);
    }

    [Fact]
    public async Task Create_CredentialsAboutToExpire_Refused()
    {
        var provider = Provider(new AwsCredentials("ASIAEXAMPLE", "secret", "session", Now.AddSeconds(30)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.CreateAsync(CancellationToken.None));
        Assert.Contains("expire in 30 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("…MPLE", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ASIAEXAMPLE", error.Message, StringComparison.Ordinal);
    }

    private static MskIamTokenProvider Provider(AwsCredentials credentials) =>
        new(new FixedCredentials(credentials), new KafkaSecurityOptions { AwsRegion = "eu-west-1" }, new FixedTime(Now));

    internal sealed class FixedCredentials(AwsCredentials credentials) : IAwsCredentialSource
    {
        public Task<AwsCredentials> GetAsync(CancellationToken cancellationToken) => Task.FromResult(credentials);
    }

    internal sealed class MissingCredentials : IAwsCredentialSource
    {
        public Task<AwsCredentials> GetAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors: none found");
    }

    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
