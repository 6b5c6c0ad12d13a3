using Confluent.Kafka;
using Gateway.Kafka;
using Gateway.Kafka.Security;
using Gateway.Tests.Support;

namespace Gateway.Tests.Kafka.Security;

/// <summary>Security settings are checked at start-up and become the right librdkafka settings.</summary>
public sealed class KafkaSecurityOptionsTests
{
    [Theory]
    [InlineData("AwsMskIam", "Kafka:Security:AwsRegion")]
    [InlineData("SaslScram512", "Kafka:Security:Username")]
    [InlineData("Tls", "Kafka:Security:CaFile")]
    public void MissingOrBadSetting_StopsStartUp_NamingTheKey(string mode, string key)
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_REGION")), "this test needs AWS_REGION unset");
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Kafka:Security:Mode"] = mode,
            ["Kafka:Security:CaFile"] = mode == "Tls" ? "/nonexistent/ca.pem" : "",
        });

        var error = StartUp.Fails(() => factory.CreateClient());
        Assert.Contains(key, error, StringComparison.Ordinal);
    }

    [Fact]
    public void SecureModeOnEmbeddedCluster_StopsStartUp()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Kafka:Security:Mode"] = "Tls" });

        var error = StartUp.Fails(() => factory.CreateClient());
        Assert.Contains("Kafka:Security:Mode", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KafkaSecurityMode.Plaintext, SecurityProtocol.Plaintext, null)]
    [InlineData(KafkaSecurityMode.Tls, SecurityProtocol.Ssl, null)]
    [InlineData(KafkaSecurityMode.SaslPlain, SecurityProtocol.SaslSsl, SaslMechanism.Plain)]
    [InlineData(KafkaSecurityMode.SaslScram256, SecurityProtocol.SaslSsl, SaslMechanism.ScramSha256)]
    [InlineData(KafkaSecurityMode.SaslScram512, SecurityProtocol.SaslSsl, SaslMechanism.ScramSha512)]
    [InlineData(KafkaSecurityMode.AwsMskIam, SecurityProtocol.SaslSsl, SaslMechanism.OAuthBearer)]
    public void Mode_BecomesLibrdkafkaSettings(KafkaSecurityMode mode, SecurityProtocol protocol, SaslMechanism? mechanism)
    {
        var options = new KafkaOptions
        {
            BootstrapServers = "b-1.example:9098",
            Security = new KafkaSecurityOptions { Mode = mode, Username = "producer", Password = "pw", AwsRegion = "us-east-1" },
        };

        var config = ProducerSettings.Build(options, options.BootstrapServers);

        Assert.Equal(protocol, config.SecurityProtocol);
        Assert.Equal(mechanism, config.SaslMechanism);
        Assert.Equal(Acks.All, config.Acks);
        Assert.True(config.EnableIdempotence);
    }

    [Fact]
    public void PasswordFile_IsRead_AndSaslCanRunWithoutTls()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "from-a-file\n");
        try
        {
            var options = new KafkaOptions
            {
                BootstrapServers = "broker:9096",
                Security = new KafkaSecurityOptions { Mode = KafkaSecurityMode.SaslScram256, Username = "u", PasswordFile = file, UseTls = false },
            };

            var config = ProducerSettings.Build(options, options.BootstrapServers);

            Assert.Equal("from-a-file", config.SaslPassword);
            Assert.Equal(SecurityProtocol.SaslPlaintext, config.SecurityProtocol);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task SaslPassword_NeverAppearsInLogs()
    {
        const string password = "Sup3r-Secret-Kafka-Passw0rd";
        var logs = new CapturedLogs();
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Kafka:MetadataTimeoutMs"] = "500",
            ["Kafka:Security:Mode"] = "SaslPlain",
            ["Kafka:Security:UseTls"] = "false",
            ["Kafka:Security:Username"] = "producer",
            ["Kafka:Security:Password"] = password,
            ["Logging:LogLevel:Default"] = "Trace",
        }).WithLogs(logs);
        var client = factory.CreateClient();

        var response = await Rest.PostAsync(client, $"/topics/{TestTopics.Fresh()}", """{"records":[{"value":1}]}""");

        Assert.Equal(503, (int)response.StatusCode);
        Assert.DoesNotContain(password, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(password, logs.All, StringComparison.Ordinal);
    }
}
