using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
        var port = FreePort();
        using var gateway = StartGateway(cluster.BootstrapServers, port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await WaitUntilServingAsync(client);
        Assert.Equal(200, (int)(await Http.PostAsync(client, $"/topics/{topic}", """{"records":[{"value":"warm"}]}""")).StatusCode);

        // Slow brokers keep the next requests waiting on Kafka while the signal arrives.
        for (var broker = 1; broker <= 3; broker++)
        {
            cluster.SetBrokerRoundTrip(broker, 4000);
        }

        var requests = Enumerable.Range(0, 16).Select(r => Http.PostAsync(client, $"/topics/{topic}",
            "{\"records\":[" + string.Join(',', Enumerable.Range(0, 10).Select(i => $"{{\"value\":\"r{r}-{i}\"}}")) + "]}")).ToArray();
        // Long enough for every request to reach the gateway on a loaded machine, well inside the 4 s round trip.
        await Task.Delay(2000);
        var signalled = Stopwatch.StartNew();
        Process.Start("kill", ["-TERM", gateway.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

        var responses = await Task.WhenAll(requests);
        Assert.True(gateway.WaitForExit(TimeSpan.FromSeconds(30)), "the gateway did not exit within 30 s of SIGTERM");
        Assert.True(signalled.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(0, gateway.ExitCode);

        for (var broker = 1; broker <= 3; broker++)
        {
            cluster.SetBrokerRoundTrip(broker, 0);
        }

        var stored = KafkaReader.ReadAll(cluster.BootstrapServers, topic).ToDictionary(r => (r.Partition, r.Offset), r => Encoding.UTF8.GetString(r.Value!));
        for (var r = 0; r < responses.Length; r++)
        {
            Assert.Equal(HttpStatusCode.OK, responses[r].StatusCode);
            var offsets = (await Http.JsonAsync(responses[r])).GetProperty("offsets");
            for (var i = 0; i < 10; i++)
            {
                (int, long) at = (offsets[i].GetProperty("partition").GetInt32(), offsets[i].GetProperty("offset").GetInt64());
                Assert.Equal($"\"r{r}-{i}\"", stored[at]);
            }
        }

        Assert.Equal(161, stored.Count);
    }

    private static Process StartGateway(string bootstrap, int port)
    {
        var root = PinterestRows.RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(root, "src", "Gateway", "bin", configuration, "net10.0", "Gateway.dll")])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Kafka__BootstrapServers"] = bootstrap;
        start.Environment["Kafka__AutoCreateTopics"] = "false";
        start.Environment["Schemas__UnboundTopics"] = "Accept";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilServingAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync("/")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The gateway process did not start serving within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
