using Confluent.Kafka;
using Gateway.Kafka;
using Gateway.Kafka.Security;
using Gateway.Tests.Kafka.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Kafka;

/// <summary>Consumers get the producer's cluster and security, MSK IAM tokens included.</summary>
public sealed class ConsumerClientsTests
{
    [Fact]
    public async Task Build_WithMskIam_SetsTheSecurityAndTheTokenRefreshHandlerOnTheConsumer()
    {
        var options = Options.Create(new KafkaOptions
        {
            BootstrapServers = "127.0.0.1:1",
            Security = new KafkaSecurityOptions { Mode = KafkaSecurityMode.AwsMskIam, AwsRegion = "us-east-1" },
            Consumer = new Dictionary<string, string> { ["fetch.wait.max.ms"] = "123" },
        });
        var status = new KafkaAuthStatus(TimeProvider.System) { UsesToken = true };
        var credentials = new MskIamTokenProviderTests.FixedCredentials(
            new AwsCredentials("ASIAEXAMPLE", "secret", "session", DateTimeOffset.UtcNow.AddHours(1)));
        using var services = new ServiceCollection()
            .AddSingleton(new MskIamTokenRefresher(
                new MskIamTokenProvider(credentials, options.Value.Security, TimeProvider.System), status, NullLogger<MskIamTokenRefresher>.Instance))
            .BuildServiceProvider();
        using var connection = new KafkaConnection(options, NullLogger<KafkaConnection>.Instance);
        var clients = new ConsumerClients(connection, options, services, NullLogger<ConsumerClients>.Instance);

        var config = clients.NewConfig();
        config.GroupId = "g";
        using (var consumer = clients.Build(config))
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            // A consumer serves librdkafka's callbacks, the token refresh among them, while it consumes.
            while (status.TokenExpiresAt is null && status.LastFailure is null && DateTime.UtcNow < deadline)
            {
                consumer.Consume(TimeSpan.FromMilliseconds(100));
                await Task.Yield();
            }
        }

        Assert.Equal("127.0.0.1:1", config.BootstrapServers);
        Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
        Assert.Equal(SaslMechanism.OAuthBearer, config.SaslMechanism);
        Assert.Equal("123", config.Get("fetch.wait.max.ms"));
        Assert.Null(status.LastFailure);
        Assert.NotNull(status.TokenExpiresAt);
    }
}
