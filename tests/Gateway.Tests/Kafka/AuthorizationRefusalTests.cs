using Gateway.Kafka.Embedded;
using Gateway.Tests.Support;

namespace Gateway.Tests.Kafka;

/// <summary>When Kafka refuses an authorization, the answer and the log name the operation and the permission to grant.</summary>
public sealed class AuthorizationRefusalTests
{
    private const int TopicAuthorizationFailed = 29;

    [Fact]
    public async Task ProduceRefused_RecordAnswer403AndLogNameWriteData()
    {
        var logs = new CapturedLogs();
        using var factory = new GatewayFactory().WithLogs(logs);
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":"warm"}]}""")).StatusCode);

        factory.Cluster.PushRequestErrors(EmbeddedKafkaCluster.ProduceApiKey, TopicAuthorizationFailed);
        var refused = await Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":"refused"}]}""");

        var record = (await Rest.JsonAsync(refused)).GetProperty("offsets")[0];
        Assert.Equal(403, (int)refused.StatusCode);
        Assert.Equal(40301, record.GetProperty("error_code").GetInt32());
        Assert.Contains($"Produce to topic {topic}", record.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("kafka-cluster:WriteData", record.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("kafka-cluster:WriteData", StringComparison.Ordinal));
    }
}
