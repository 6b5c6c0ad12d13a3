using System.Diagnostics;
using Gateway.Tests.Support;

namespace Gateway.Tests.Produce;

/// <summary>kcat, a second Kafka client independent of the gateway's, reads what the gateway wrote.</summary>
[Collection(SharedGatewayGroup.Name)]
public sealed class IndependentClientTests(SharedGateway gateway)
{
    [Fact]
    public async Task Kcat_ReadsRealRows_AsCompactJson()
    {
        var client = gateway.Factory.CreateClient();
        var topic = TestTopics.Fresh("geo");
        var rows = PinterestRows.Lines("geo").Take(5).ToArray();
        foreach (var row in rows)
        {
            Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{topic}/partitions/0", PinterestRows.Envelope(row))).StatusCode);
        }

        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Produce", "Data", "geo.compact.jsonl")).Take(5);
        Assert.Equal(expected, await KcatAsync(gateway.Factory.BootstrapServers, topic));
    }

    private static async Task<string[]> KcatAsync(string bootstrap, string topic)
    {
        var start = new ProcessStartInfo("kcat", ["-b", bootstrap, "-C", "-t", topic, "-p", "0", "-o", "beginning", "-e", "-q", "-f", "%s\n"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kcat = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = await kcat.StandardOutput.ReadToEndAsync(timeout.Token);
        await kcat.WaitForExitAsync(timeout.Token);
        Assert.True(kcat.ExitCode == 0, await kcat.StandardError.ReadToEndAsync(timeout.Token));
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
