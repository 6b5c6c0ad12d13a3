using System.Net.Sockets;
using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Reliability;

/// <summary>
/// Hostile input over a real socket. The corpus: bodies that lie about their length or trickle in, header
/// floods, nesting 100,000 deep, 5,000-digit numbers, invalid UTF-8, raw control characters and hostile
/// topic names. Each is answered with a 4xx in bounded time, nothing is produced, and the gateway keeps
/// serving. (Empty, truncated and non-JSON bodies, wrong types, out-of-range partitions and content types
/// are in <c>ProduceErrorTests</c> and <c>ContentNegotiationTests</c>; random bodies in the parser's
/// property tests.)
/// </summary>
public sealed class HostileInputTests(HostileInputTests.RealGateway gateway) : IClassFixture<HostileInputTests.RealGateway>
{
    private readonly string _topic = TestTopics.Fresh();
    private readonly int _port = gateway.Process.Port;

    [Fact]
    public async Task BodyShorterThanItsContentLength_Is408_NothingProduced()
    {
        var answer = await SendAsync(Head(_topic, contentLength: 1000) + """{"records":[{"value":1}]}""", holdOpen: TimeSpan.FromSeconds(40));

        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        await AssertStillServingAndNothingProducedAsync();
    }

    [Fact]
    public async Task BodyThatTricklesIn_Is408()
    {
        using var socket = await ConnectAsync();
        var body = """{"records":[{"value":"slow"}]}""";
        await socket.SendAsync(Encoding.ASCII.GetBytes(Head(_topic, body.Length)));
        var reading = RawHttp.ReadAnswerAsync(socket, TimeSpan.FromSeconds(40));
        foreach (var b in Encoding.ASCII.GetBytes(body))
        {
            if (reading.IsCompleted)
            {
                break;
            }

            await socket.SendAsync(new[] { b });
            await Task.Delay(1500);
        }

        Assert.StartsWith("HTTP/1.1 408", await reading, StringComparison.Ordinal);
        await AssertStillServingAndNothingProducedAsync();
    }

    [Fact]
    public async Task HeaderFlood_Is431()
    {
        var flood = string.Concat(Enumerable.Range(0, 200).Select(i => $"X-Flood-{i}: {new string('x', 500)}\r\n"));
        var answer = await SendAsync($"POST /topics/{_topic} HTTP/1.1\r\nHost: localhost\r\n{flood}Content-Length: 0\r\n\r\n", TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 431", answer, StringComparison.Ordinal);
        await AssertStillServingAndNothingProducedAsync();
    }

    public static TheoryData<string, string> HostileBodies => new()
    {
        { "nesting 100,000 deep", "{\"records\":[{\"value\":" + new string('[', 100_000) + new string(']', 100_000) + "}]}" },
        { "a 5,000-digit number", "{\"records\":[{\"value\":" + new string('7', 5_000) + "}]}" },
        { "a raw control character in a string", "{\"records\":[{\"value\":\"a\u0001b\"}]}" },
        { "a raw newline in a string", "{\"records\":[{\"value\":\"a\nb\"}]}" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task HostileJson_Is400(string what, string body)
    {
        var answer = await SendAsync(Head(_topic, Encoding.UTF8.GetByteCount(body)) + body, TimeSpan.FromSeconds(20));

        Assert.True(answer.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), $"{what}: {answer[..Math.Min(200, answer.Length)]}");
        Assert.Contains("\"error_code\":400", answer, StringComparison.Ordinal);
        await AssertStillServingAndNothingProducedAsync();
    }

    [Theory]
    [InlineData("{\"records\":[{\"value\":\"a~\"}]}", "application/vnd.kafka.json.v2+json")]
    [InlineData("{\"records\":[{\"value\":1}],\"a~\":1}", "application/vnd.kafka.json.v2+json")]
    [InlineData("{\"records\":[{\"a~\":1}]}", "application/vnd.kafka.json.v2+json")]
    [InlineData("{\"records\":[{\"value\":\"a~\"}]}", "application/vnd.kafka.binary.v2+json")]
    [InlineData("{\"records\":[{\"key\":\"a~\",\"value\":\"AAEC\"}]}", "application/vnd.kafka.binary.v2+json")]
    public async Task InvalidUtf8_AnywhereInTheBody_Is400InTheEnvelope(string template, string contentType)
    {
        using var socket = await ConnectAsync();
        var at = template.IndexOf('~', StringComparison.Ordinal);
        byte[] body = [.. Encoding.ASCII.GetBytes(template[..at]), 0xC3, 0x28, .. Encoding.ASCII.GetBytes(template[(at + 1)..])];
        await socket.SendAsync(Encoding.ASCII.GetBytes(Head(_topic, body.Length).Replace("application/vnd.kafka.json.v2+json", contentType, StringComparison.Ordinal)));
        await socket.SendAsync(body);

        var answer = await RawHttp.ReadAnswerAsync(socket, TimeSpan.FromSeconds(20));
        Assert.True(answer.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), answer);
        Assert.Contains("\"error_code\":400", answer, StringComparison.Ordinal);
        await AssertStillServingAndNothingProducedAsync();
    }

    [Theory]
    [InlineData("a%20b", "400")]
    [InlineData("%2e%2e", "415")]
    [InlineData("a%2Fb", "400")]
    [InlineData("caf%C3%A9", "400")]
    [InlineData("..%2F..%2Fetc", "400")]
    public async Task HostileTopicName_Is4xx(string rawTopic, string status)
    {
        const string body = """{"records":[{"value":1}]}""";
        var answer = await SendAsync(Head(rawTopic, body.Length) + body, TimeSpan.FromSeconds(20));

        Assert.StartsWith($"HTTP/1.1 {status}", answer, StringComparison.Ordinal);
        Assert.Contains("\"error_code\":", answer, StringComparison.Ordinal);
        await AssertStillServingAndNothingProducedAsync();
    }

    private static string Head(string topic, int contentLength) =>
        $"POST /topics/{topic} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/vnd.kafka.json.v2+json\r\nContent-Length: {contentLength}\r\n\r\n";

    private Task<string> SendAsync(string request, TimeSpan holdOpen) => RawHttp.SendAsync(_port, request, holdOpen);

    private Task<Socket> ConnectAsync() => RawHttp.ConnectAsync(_port);

    private async Task AssertStillServingAndNothingProducedAsync()
    {
        Assert.Equal(200, (int)(await gateway.Process.Client.GetAsync("/health/live")).StatusCode);
        Assert.Empty(KafkaReader.ReadAll(gateway.Cluster.BootstrapServers, _topic));
    }

    /// <summary>One real gateway process (Kestrel on a socket) for the class, on a cluster of the test's own.</summary>
    public sealed class RealGateway : IAsyncLifetime
    {
        internal Gateway.Kafka.Embedded.EmbeddedKafkaCluster Cluster { get; } = new(3);

        public GatewayProcess Process { get; private set; } = null!;

        // Every topic name reaches the name check, rather than stopping at the shipped topic allow-list.
        public async Task InitializeAsync() => Process = await GatewayProcess.StartAsync(Cluster.BootstrapServers, new Dictionary<string, string>
        {
            ["Security__AnonymousTopics__0"] = ".*",
            ["Schemas__UnboundTopics"] = "Accept",
        });

        public Task DisposeAsync()
        {
            Process.Dispose();
            Cluster.Dispose();
            return Task.CompletedTask;
        }
    }
}
