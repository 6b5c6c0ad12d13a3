using Gateway.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Reliability;

/// <summary>The request deadline runs on the gateway's registered clock, from the first byte read, topic lookup and creation included.</summary>
public sealed class DeadlineTests
{
    [Fact]
    public async Task SlowTopicLookupAndCreation_CountTowardsTheDeadline_On504()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Reliability:RequestDeadlineMs"] = "20000",
            ["Kafka:MetadataTimeoutMs"] = "30000",
        }).WithTime(time);
        var client = factory.CreateClient();
        factory.Cluster.SetRoundTripOfAllBrokers(2000);
        try
        {
            // A new topic: the lookup, its creation and the produce each wait on the slow brokers.
            var answer = Rest.PostAsync(client, $"/topics/{TestTopics.Fresh()}", """{"records":[{"value":1}]}""");
            while (!answer.IsCompleted)
            {
                // The gateway's clock passes the 20 s deadline while the lookup is still waiting in real time.
                time.Advance(TimeSpan.FromSeconds(21));
                await Task.WhenAny(answer, Task.Delay(50));
            }

            var message = await Rest.AssertErrorAsync(await answer, 504, 50401);
            Assert.Contains("outcome is unknown", message, StringComparison.Ordinal);
        }
        finally
        {
            factory.Cluster.SetRoundTripOfAllBrokers(0);
        }
    }
}
