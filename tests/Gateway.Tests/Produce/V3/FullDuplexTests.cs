using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Gateway.Kafka.Embedded;
using Gateway.Tests.Support;

namespace Gateway.Tests.Produce.V3;

/// <summary>
/// Streamed produce over a real socket to a real gateway process (Kestrel): the client sends a record,
/// reads its answer, and only then sends the next one on the same request body.
/// </summary>
public sealed class FullDuplexTests
{
    /// <summary>These streams carry arbitrary payloads to the pin topics; the shipped binding would hold them to the pin schema.</summary>
    private const string OpaquePin = "Schemas__Bindings__pin__ValidateBinaryPayloads";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Stream_AnswersEachRecordBeforeTheRequestBodyEnds()
    {
        using var cluster = new EmbeddedKafkaCluster(3);
        var topic = TestTopics.Fresh();
        cluster.CreateTopic(topic, 3, 3);
        using var gateway = await GatewayProcess.StartAsync(cluster.BootstrapServers, new Dictionary<string, string> { [OpaquePin] = "false" });
        await using var stream = await ChunkedRequest.OpenAsync(gateway.Port, RestV3.Records(topic));

        var answers = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            await stream.SendAsync($$$"""{"value":{"type":"STRING","data":"record {{{i}}}"}}""");
            answers.Add(await stream.ReadAnswerAsync(Patience));
        }

        await stream.EndAsync();
        Assert.Null(await stream.ReadAnswerOrEndAsync(Patience));
        Assert.Equal(200, stream.Status);
        Assert.All(answers, a => Assert.Equal(200, RestV3.Code(a)));
        var stored = KafkaReader.ReadAll(cluster.BootstrapServers, topic);
        Assert.Equal(["record 0", "record 1", "record 2"], stored.Select(r => Encoding.UTF8.GetString(r.Value!)).Order());
    }

    [Fact]
    public async Task Stream_PastItsMaximumDuration_Answers408AndCloses()
    {
        using var cluster = new EmbeddedKafkaCluster(1);
        var topic = TestTopics.Fresh();
        cluster.CreateTopic(topic, 1, 1);
        using var gateway = await GatewayProcess.StartAsync(cluster.BootstrapServers, new Dictionary<string, string>
        {
            [OpaquePin] = "false",
            ["ProduceV3__StreamMaxDurationMs"] = "2000",
            ["ProduceV3__StreamGracePeriodMs"] = "200",
        });
        await using var stream = await ChunkedRequest.OpenAsync(gateway.Port, RestV3.Records(topic));
        await stream.SendAsync("""{"value":{"type":"STRING","data":"in time"}}""");
        var first = await stream.ReadAnswerAsync(Patience);

        await Task.Delay(TimeSpan.FromMilliseconds(2500));
        await stream.SendAsync("""{"value":{"type":"STRING","data":"too late"}}""");
        var late = await stream.ReadAnswerAsync(Patience);

        Assert.Equal(200, RestV3.Code(first));
        Assert.Equal(408, RestV3.Code(late));
        Assert.Equal("Streaming connection open for longer than allowed: Connection will be closed.", late.GetProperty("message").GetString());
        // The gateway ends the answer after the grace period although the client never ended its body.
        Assert.Null(await stream.ReadAnswerOrEndAsync(Patience));
        Assert.Equal(["in time"], KafkaReader.ReadAll(cluster.BootstrapServers, topic).Select(r => Encoding.UTF8.GetString(r.Value!)));
    }

    [Fact]
    public async Task Stream_LongerThanTheRequestBodyLimit_GoesOn()
    {
        using var cluster = new EmbeddedKafkaCluster(1);
        var topic = TestTopics.Fresh();
        cluster.CreateTopic(topic, 1, 1);
        using var gateway = await GatewayProcess.StartAsync(cluster.BootstrapServers, new Dictionary<string, string> { ["Produce__MaxBodyBytes"] = "65536", [OpaquePin] = "false" });
        await using var stream = await ChunkedRequest.OpenAsync(gateway.Port, RestV3.Records(topic));
        var data = new string('x', 1000);

        for (var i = 0; i < 150; i++)
        {
            await stream.SendAsync($$$"""{"value":{"type":"STRING","data":"{{{data}}}"}}""");
        }

        await stream.EndAsync();
        var answers = 0;
        while (await stream.ReadAnswerOrEndAsync(Patience) is { } answer)
        {
            Assert.Equal(200, RestV3.Code(answer));
            answers++;
        }

        Assert.Equal(150, answers);
        Assert.Equal(150, KafkaReader.Count(cluster.BootstrapServers, topic));
    }

    [Fact]
    public async Task ManyStreamsOpenAtOnce_UnderTheShippedBodyBudget_AreAllServed()
    {
        using var cluster = new EmbeddedKafkaCluster(1);
        var topic = TestTopics.Fresh();
        cluster.CreateTopic(topic, 1, 1);
        using var gateway = await GatewayProcess.StartAsync(cluster.BootstrapServers, new Dictionary<string, string> { [OpaquePin] = "false" });
        var streams = new List<ChunkedRequest>();
        try
        {
            for (var i = 0; i < 40; i++)
            {
                var stream = await ChunkedRequest.OpenAsync(gateway.Port, RestV3.Records(topic));
                streams.Add(stream);
                await stream.SendAsync($$$"""{"value":{"type":"STRING","data":"stream {{{i}}}"}}""");
                Assert.Equal(200, RestV3.Code(await stream.ReadAnswerAsync(Patience)));
            }

            // Every stream is still open, each holding one record's worth of the body budget, not a whole body limit.
            Assert.All(streams, s => Assert.Equal(200, s.Status));
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }

        Assert.Equal(40, KafkaReader.Count(cluster.BootstrapServers, topic));
    }

    /// <summary>An HTTP/1.1 POST with a chunked body written piece by piece, and its chunked answer read as it arrives.</summary>
    private sealed class ChunkedRequest : IAsyncDisposable
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly StreamReader _reader;
        private string _pending = "";

        private ChunkedRequest(TcpClient client)
        {
            _client = client;
            _stream = client.GetStream();
            _reader = new StreamReader(_stream, Encoding.UTF8);
        }

        public int Status { get; private set; }

        public static async Task<ChunkedRequest> OpenAsync(int port, string path)
        {
            var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            var request = new ChunkedRequest(client);
            var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            await request._stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            return request;
        }

        public async Task SendAsync(string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json + "\n");
            await _stream.WriteAsync(Encoding.ASCII.GetBytes($"{bytes.Length:x}\r\n"));
            await _stream.WriteAsync(bytes);
            await _stream.WriteAsync("\r\n"u8.ToArray());
            await _stream.FlushAsync();
        }

        public async Task EndAsync() => await _stream.WriteAsync("0\r\n\r\n"u8.ToArray());

        public async Task<JsonElement> ReadAnswerAsync(TimeSpan patience) =>
            await ReadAnswerOrEndAsync(patience) ?? throw new InvalidOperationException("The answer ended before the expected record answer.");

        /// <summary>The next answer line, or null when the chunked answer has ended.</summary>
        public async Task<JsonElement?> ReadAnswerOrEndAsync(TimeSpan patience)
        {
            using var timeout = new CancellationTokenSource(patience);
            if (Status == 0)
            {
                var statusLine = await _reader.ReadLineAsync(timeout.Token);
                Status = int.Parse(statusLine!.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                while ((await _reader.ReadLineAsync(timeout.Token))?.Length > 0)
                {
                }
            }

            while (true)
            {
                var end = _pending.IndexOf("\r\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    var line = _pending[..end];
                    _pending = _pending[(end + 2)..];
                    if (line.Length > 0)
                    {
                        return JsonDocument.Parse(line).RootElement.Clone();
                    }

                    continue;
                }

                var size = await _reader.ReadLineAsync(timeout.Token);
                if (size is null)
                {
                    return null;
                }

                var length = Convert.ToInt32(size, 16);
                if (length == 0)
                {
                    return null;
                }

                var chunk = new char[length];
                var read = 0;
                while (read < length)
                {
                    read += await _reader.ReadAsync(chunk.AsMemory(read), timeout.Token);
                }

                await _reader.ReadLineAsync(timeout.Token);
                _pending += new string(chunk);
            }
        }

        public ValueTask DisposeAsync()
        {
            _client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
