using Gateway.Kafka.Embedded;
using Gateway.Tests.Support;

namespace Gateway.Tests.Produce;

/// <summary>When Kafka refuses records, each gets kafka-rest's per-record code and the others are still answered.</summary>
public sealed class RecordFailureTests : IDisposable
{
    private const int MessageTooLarge = 10;
    private const int TopicAuthorizationFailed = 29;
    private const int SaslAuthenticationFailed = 58;
    private readonly GatewayFactory _factory = new(new Dictionary<string, string?> { ["Kafka:DeliveryTimeoutMs"] = "3000" });

    [Fact]
    public async Task PartitionWhoseLeaderIsDown_Gets50003_OtherPartitionsStored()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();
        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":0}]}""")).StatusCode);
        _factory.Cluster.SetPartitionLeader(topic, 0, 1);
        _factory.Cluster.SetPartitionLeader(topic, 1, 2);
        _factory.Cluster.SetPartitionLeader(topic, 2, 2);
        var before = KafkaReader.ReadAll(_factory.BootstrapServers, topic).Count;
        _factory.Cluster.SetBrokerDown(1);
        try
        {
            var response = await Rest.PostAsync(client, $"/topics/{topic}",
                """{"records":[{"value":"a","partition":1},{"value":"b","partition":0},{"value":"c","partition":2}]}""");
            var offsets = (await Rest.JsonAsync(response)).GetProperty("offsets");

            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(1, offsets[0].GetProperty("partition").GetInt32());
            Assert.Equal(50003, offsets[1].GetProperty("error_code").GetInt32());
            Assert.False(string.IsNullOrEmpty(offsets[1].GetProperty("error").GetString()));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, offsets[1].GetProperty("offset").ValueKind);
            Assert.Equal(2, offsets[2].GetProperty("partition").GetInt32());
        }
        finally
        {
            _factory.Cluster.SetBrokerUp(1);
        }

        var stored = KafkaReader.ReadAll(_factory.BootstrapServers, topic);
        Assert.Equal(before + 2, stored.Count);
        Assert.DoesNotContain(stored, r => r.Partition == 0 && r.Offset > 0);
    }

    [Theory]
    [InlineData(TopicAuthorizationFailed, 403, 40301)]
    [InlineData(SaslAuthenticationFailed, 401, 40101)]
    [InlineData(MessageTooLarge, 200, 50002)]
    public async Task KafkaRefusesRecord_GetsKafkaRestCodeAndStatus(int kafkaError, int status, int errorCode)
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();
        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{topic}/partitions/0", """{"records":[{"value":0}]}""")).StatusCode);
        _factory.Cluster.PushRequestErrors(EmbeddedKafkaCluster.ProduceApiKey, kafkaError);

        var response = await Rest.PostAsync(client, $"/topics/{topic}/partitions/0", """{"records":[{"value":1}]}""");
        var offset = (await Rest.JsonAsync(response)).GetProperty("offsets")[0];

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(errorCode, offset.GetProperty("error_code").GetInt32());
        Assert.Single(KafkaReader.ReadAll(_factory.BootstrapServers, topic));
        var next = await Rest.PostAsync(client, $"/topics/{topic}/partitions/0", """{"records":[{"value":2}]}""");
        Assert.Equal(200, (int)next.StatusCode);
        Assert.Equal(2, KafkaReader.ReadAll(_factory.BootstrapServers, topic).Count);
    }

    public void Dispose() => _factory.Dispose();
}
