using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Kafka;

/// <summary>
/// With few records waiting for Kafka there is nothing to batch a request with: its records are sent at
/// once rather than held for <c>linger.ms</c>, and still answered only once Kafka has them (acks=all).
/// </summary>
public sealed class PromptProducerTests
{
    /// <summary>Long enough that an answer held for the linger could not come before the bound below.</summary>
    private const int LongLingerMs = 15_000;

    [Fact]
    public async Task LoneRequest_LongLinger_AnsweredWithoutWaitingOutTheLinger_RecordsStoredByteForByte()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Kafka:Producer:linger.ms"] = $"{LongLingerMs}",
            ["Kafka:LingerFromRecordsInFlight"] = "1",
        });
        using var client = factory.CreateClient();
        var topic = TestTopics.Fresh();
        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":"warm"}]}""")).StatusCode);

        var post = Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"key":"k","value":{"pin":[true,null]}}]}""");
        var first = await Task.WhenAny(post, Task.Delay(LongLingerMs / 3));

        Assert.Same(post, first);
        var answer = await post;
        Assert.Equal(200, (int)answer.StatusCode);
        var offset = Assert.Single((await Rest.JsonAsync(answer)).GetProperty("offsets").EnumerateArray());
        var record = KafkaReader.ReadAll(factory.BootstrapServers, topic)
            .Single(r => r.Partition == offset.GetProperty("partition").GetInt32() && r.Offset == offset.GetProperty("offset").GetInt64());
        Assert.Equal("""{"pin":[true,null]}""", Encoding.UTF8.GetString(record.Value!));
        Assert.Equal("\"k\"", Encoding.UTF8.GetString(record.Key!));
    }
}
