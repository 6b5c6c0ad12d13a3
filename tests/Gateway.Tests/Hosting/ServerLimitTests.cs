using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Hosting;

/// <summary>
/// What a hostile caller can make the server do before any endpoint runs, over a real socket: bodies the
/// server must not read, chunk sizes that overflow, and what reaches the log from a request.
/// </summary>
public sealed class ServerLimitTests(ServerLimitTests.LockedGateway gateway) : IClassFixture<ServerLimitTests.LockedGateway>
{
    private readonly int _port = gateway.Process.Port;

    [Fact]
    public async Task ChunkedBody_WithAnOverflowingChunkSize_Is400()
    {
        var topic = TestTopics.Fresh();
        var answer = await RawHttp.SendAsync(_port,
            $"POST /topics/{topic} HTTP/1.1\r\nHost: localhost\r\nX-API-Key: {LockedGateway.Key}\r\nContent-Type: application/vnd.kafka.json.v2+json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
            TimeSpan.FromSeconds(20));

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("\"error_code\":400", answer, StringComparison.Ordinal);
        Assert.Equal(200, (int)(await gateway.Process.Client.GetAsync("/health/live")).StatusCode);
    }

    [Theory]
    [InlineData("/nowhere/at/all")]
    [InlineData("/topics/0a1b2c3d4e5f.pin")]
    public async Task HugeBody_ToAnUnknownOrRefusedRoute_IsNotReadToTheEnd(string path)
    {
        const long size = 200L * 1024 * 1024;
        using var socket = await RawHttp.ConnectAsync(_port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/vnd.kafka.json.v2+json\r\nContent-Length: {size}\r\n\r\n"));
        var chunk = new byte[1024 * 1024];
        long sent = 0;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (sent < size)
            {
                sent += await socket.SendAsync(chunk, SocketFlags.None, patience.Token);
            }
        }
        catch (SocketException)
        {
            // The server closed the connection: what we want.
        }

        Assert.False(patience.IsCancellationRequested, "the server neither read the body nor closed the connection within 60 s");
        Assert.True(sent < size, $"the server read all {size} bytes of a body it had no use for");
    }

    [Fact]
    public async Task BodiesPastTheBytesInFlightBudget_Are429WithRetryAfter_BeforeTheyAreRead()
    {
        using var budgeted = await GatewayProcess.StartAsync(gateway.Cluster.BootstrapServers, new Dictionary<string, string>
        {
            ["Server__MaxBodyBytesInFlight"] = "100000",
            ["Security__AnonymousTopics__0"] = ".*",
            ["Schemas__UnboundTopics"] = "Accept",
        });
        var topic = TestTopics.Fresh("raw");
        gateway.Cluster.CreateTopic(topic, 1, 1);
        var body = Encoding.ASCII.GetBytes(Body(80_000));
        var head = $"POST /topics/{topic} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/vnd.kafka.json.v2+json\r\nContent-Length: {body.Length}\r\n\r\n";

        using var held = await HoldAsync(budgeted.Port, head, body);
        var second = await RawHttp.SendAsync(budgeted.Port, head + Encoding.ASCII.GetString(body), TimeSpan.FromSeconds(20));
        var small = await Rest.PostAsync(budgeted.Client, $"/topics/{topic}", Body(1_000));
        await held.SendAsync(body.AsMemory(100));
        var first = await RawHttp.ReadAnswerAsync(held, TimeSpan.FromSeconds(20));
        var after = await Rest.PostAsync(budgeted.Client, $"/topics/{topic}", Body(80_000));

        Assert.StartsWith("HTTP/1.1 429", second, StringComparison.Ordinal);
        Assert.Contains("Retry-After: 1", second, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(200, (int)small.StatusCode);
        Assert.StartsWith("HTTP/1.1 200", first, StringComparison.Ordinal);
        Assert.Equal(200, (int)after.StatusCode);
    }

    [Fact]
    public async Task ControlCharactersInAPath_ForgeNoLogLine()
    {
        var answer = await RawHttp.SendAsync(_port, "GET /topics/a%0D%0Aforged-entry%0Ainfo:%20fake HTTP/1.1\r\nHost: localhost\r\n\r\n", TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 401", answer, StringComparison.Ordinal);
        var logged = await gateway.Process.WaitForOutputAsync(line => line.Contains("forged-entry", StringComparison.Ordinal));
        Assert.Contains("/topics/a", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(gateway.Process.Output, line => line.TrimStart().StartsWith("info: fake", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALongRefusedPath_IsLoggedShort()
    {
        var marker = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var path = $"/topics/{marker}{new string('a', 7000)}";

        var answer = await RawHttp.SendAsync(_port, $"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n", TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 401", answer, StringComparison.Ordinal);
        var logged = await gateway.Process.WaitForOutputAsync(line => line.Contains(marker, StringComparison.Ordinal));
        Assert.True(logged.Length < 1000, $"a refused request was logged at {logged.Length} characters");
    }

    [Fact]
    public async Task KestrelBadRequestLog_QuotesNoHeaderLine_EvenWithMicrosoftAspNetCoreAtDebug()
    {
        const string leaked = "leaked-api-key-0123456789abcdef";
        var marker = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        using var verbose = await GatewayProcess.StartAsync(gateway.Cluster.BootstrapServers, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore.Server.Kestrel.BadRequests"] = "Trace",
        });

        var answer = await RawHttp.SendAsync(verbose.Port, $"GET /topics HTTP/1.1\r\nHost: localhost\r\nX-API-Key {leaked}\r\n\r\n", TimeSpan.FromSeconds(10));
        await RawHttp.SendAsync(verbose.Port, $"GET /after-{marker} HTTP/1.1\r\nHost: localhost\r\n\r\n", TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        await verbose.WaitForOutputAsync(line => line.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(verbose.Output, line => line.Contains(leaked, StringComparison.Ordinal));
    }

    /// <summary>A request whose headers and first bytes are sent and whose rest is held back, once the server has taken it in.</summary>
    private static async Task<Socket> HoldAsync(int port, string head, byte[] body)
    {
        while (true)
        {
            var held = await RawHttp.ConnectAsync(port);
            await held.SendAsync(Encoding.ASCII.GetBytes(head));
            await held.SendAsync(body.AsMemory(0, 100));
            await Task.Delay(500);
            if (held.Available == 0)
            {
                return held;
            }

            // Answered already (another request held the budget): try again.
            held.Dispose();
        }
    }

    /// <summary>A produce body of about <paramref name="bytes"/> bytes: one record with a long string value.</summary>
    private static string Body(int bytes) => $$"""{"records":[{"value":"{{new string('v', bytes - 40)}}"}]}""";

    /// <summary>A gateway that needs an API key, logging its own refusals (Debug).</summary>
    public sealed class LockedGateway : IAsyncLifetime
    {
        public const string Key = "server-limit-key-0123456789abcdef";

        internal Gateway.Kafka.Embedded.EmbeddedKafkaCluster Cluster { get; } = new(1);

        public GatewayProcess Process { get; private set; } = null!;

        public async Task InitializeAsync() => Process = await GatewayProcess.StartAsync(Cluster.BootstrapServers, new Dictionary<string, string>
        {
            ["Security__AllowAnonymous"] = "false",
            ["Security__ApiKeys__limits__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),
            ["Security__ApiKeys__limits__Topics__0"] = ".*",
            ["Logging__LogLevel__Gateway"] = "Debug",
        });

        public Task DisposeAsync()
        {
            Process.Dispose();
            Cluster.Dispose();
            return Task.CompletedTask;
        }
    }
}
