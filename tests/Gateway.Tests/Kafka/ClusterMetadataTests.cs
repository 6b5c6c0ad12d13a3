using System.Diagnostics;
using Gateway.Kafka;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Gateway.Tests.Kafka;

/// <summary>Topic lookups: nothing is kept for names that do not exist, and one lookup serves concurrent askers.</summary>
public sealed class ClusterMetadataTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EverNewUnknownTopicNames_LeaveNothingBehind()
    {
        using var factory = new GatewayFactory();
        var client = factory.CreateClient();
        var metadata = factory.Services.GetRequiredService<ClusterMetadata>();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var took = new double[3_000];
        for (var i = 0; i < took.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await Rest.AssertErrorAsync(await client.GetAsync($"/topics/{TestTopics.Fresh()}"), 404, 40403);
            took[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        // Figures for the record, not assertions: lookups do not slow down as names pile up.
        output.WriteLine($"3,000 unknown names: first 100 lookups {took[..100].Average():F2} ms, last 100 {took[^100..].Average():F2} ms, "
            + $"working set {(Process.GetCurrentProcess().WorkingSet64 - before) / 1024} KiB more");
        Assert.Equal(0, metadata.RememberedTopics);
        Assert.Equal(0, metadata.LookupsInFlight);
    }

    [Fact]
    public async Task ConcurrentLookupsOfOneTopic_ShareOneAnswer_AndAKnownTopicIsRemembered()
    {
        using var factory = new GatewayFactory();
        var client = factory.CreateClient();
        var metadata = factory.Services.GetRequiredService<ClusterMetadata>();
        var topic = TestTopics.Fresh();
        factory.Cluster.CreateTopic(topic, 2, 3);

        var found = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => metadata.FindTopicAsync(topic)));

        Assert.All(found, f => Assert.Equal(2, f!.Partitions.Count));
        Assert.Equal(1, metadata.RememberedTopics);
        Assert.Equal(0, metadata.LookupsInFlight);
    }
}
