using System.Diagnostics;
using System.Net;
using System.Text;
using Gateway.Kafka.Embedded;
using Gateway.Tests.Support;

namespace Gateway.Tests.Hosting;

/// <summary>SIGTERM to a real gateway process: requests in flight finish, nothing acknowledged is lost.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Sigterm_WithRequestsInFlight_AnswersThemAll_KeepsEveryAcknowledgedRecord_AndExits()
    {
        using var cluster = new EmbeddedKafkaCluster(3);
        var topic = TestTopics.Fresh("drain");
        cluster.CreateTopic(topic, 3, 3);
        using var gateway = await GatewayProcess.StartAsync(cluster.BootstrapServers, new Dictionary<string, string>
        {
            ["Schemas__UnboundTopics"] = "Accept",
            ["Security__AnonymousTopics__0"] = ".*",
        });
        var client = gateway.Client;
        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":"warm"}]}""")).StatusCode);

        // Slow brokers keep the next requests waiting on Kafka while the signal arrives.
        cluster.SetRoundTripOfAllBrokers(4000);

        var requests = Enumerable.Range(0, 16).Select(r => Rest.PostAsync(client, $"/topics/{topic}",
            "{\"records\":[" + string.Join(',', Enumerable.Range(0, 10).Select(i => $"{{\"value\":\"r{r}-{i}\"}}")) + "]}")).ToArray();
        // Signal once every request's records wait on Kafka (the in-flight gauge says so), not after a guessed pause.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await client.GetStringAsync("/metrics")).Contains("gateway_inflight_records 160", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the 16 requests were not all waiting on Kafka within 30 s");
            await Task.Delay(20);
        }

        var signalled = Stopwatch.StartNew();
        gateway.Terminate();

        var responses = await Task.WhenAll(requests);
        Assert.True(gateway.Process.WaitForExit(TimeSpan.FromSeconds(30)), "the gateway did not exit within 30 s of SIGTERM");
        Assert.True(signalled.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(0, gateway.Process.ExitCode);

        cluster.SetRoundTripOfAllBrokers(0);

        var stored = KafkaReader.ReadAll(cluster.BootstrapServers, topic).ToDictionary(r => (r.Partition, r.Offset), r => Encoding.UTF8.GetString(r.Value!));
        for (var r = 0; r < responses.Length; r++)
        {
            Assert.Equal(HttpStatusCode.OK, responses[r].StatusCode);
            var offsets = (await Rest.JsonAsync(responses[r])).GetProperty("offsets");
            for (var i = 0; i < 10; i++)
            {
                (int, long) at = (offsets[i].GetProperty("partition").GetInt32(), offsets[i].GetProperty("offset").GetInt64());
                Assert.Equal($"\"r{r}-{i}\"", stored[at]);
            }
        }

        Assert.Equal(161, stored.Count);
    }
}
