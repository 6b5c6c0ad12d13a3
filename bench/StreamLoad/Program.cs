// Streaming load for kafka-rest v3 produce, which wrk cannot drive: each connection is one HTTP/1.1
// POST whose chunked body carries records for the whole run while its answers are read as they come.
// Usage: StreamLoad <host:port> <path> <rows.jsonl> <connections> <seconds>
// Prints: connections, records answered 200, other answers (e.g. 429 when the gateway is full), seconds, records/s answered 200.
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

var (host, port) = (args[0].Split(':')[0], int.Parse(args[0].Split(':')[1], CultureInfo.InvariantCulture));
var path = args[1];
var rows = File.ReadLines(args[2]).Where(l => l.Trim().Length > 0).Take(1000).ToArray();
var connections = int.Parse(args[3], CultureInfo.InvariantCulture);
var seconds = double.Parse(args[4], CultureInfo.InvariantCulture);

// One chunk of 100 records, as a client batching its writes would send them.
var records = new StringBuilder();
for (var i = 0; i < 100; i++)
{
    records.Append("{\"value\":{\"type\":\"JSON\",\"data\":").Append(rows[i % rows.Length]).Append("}}\n");
}

var payload = Encoding.UTF8.GetBytes(records.ToString());
var chunk = Encoding.ASCII.GetBytes($"{payload.Length:x}\r\n").Concat(payload).Concat("\r\n"u8.ToArray()).ToArray();
var clock = Stopwatch.StartNew();
var results = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => RunAsync()));
var elapsed = results.Max(r => r.LastAnswer);
var ok = results.Sum(r => r.Ok);
var other = results.Sum(r => r.Other);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{connections}\t{ok}\t{other}\t{elapsed:F2}\t{ok / elapsed:F0}"));
return ok > 0 ? 0 : 1;

async Task<(long Ok, long Other, double LastAnswer)> RunAsync()
{
    using var client = new TcpClient { NoDelay = true };
    await client.ConnectAsync(host, port);
    var stream = client.GetStream();
    await stream.WriteAsync(Encoding.ASCII.GetBytes(
        $"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
    var reading = ReadAsync(stream);
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        await stream.WriteAsync(chunk);
    }

    await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
    return await reading;
}

async Task<(long Ok, long Other, double LastAnswer)> ReadAsync(NetworkStream stream)
{
    // Counts answer objects in the raw chunked bytes; chunk-size lines never contain the pattern.
    var okPattern = "{\"error_code\":200"u8.ToArray();
    var anyPattern = "{\"error_code\":"u8.ToArray();
    var buffer = new byte[1 << 16];
    var carry = 0;
    long ok = 0, any = 0;
    var last = 0.0;
    while (true)
    {
        var read = await stream.ReadAsync(buffer.AsMemory(carry));
        if (read == 0)
        {
            break;
        }

        var span = buffer.AsSpan(0, carry + read);
        ok += Count(span, okPattern, carry);
        any += Count(span, anyPattern, carry);
        last = clock.Elapsed.TotalSeconds;
        if (span.EndsWith("0\r\n\r\n"u8))
        {
            break;
        }

        // Keep a tail so a pattern split across reads is seen; a match counts once, in the read where it ends.
        carry = Math.Min(okPattern.Length - 1, span.Length);
        span[^carry..].CopyTo(buffer);
    }

    return (ok, any - ok, last);
}

static int Count(ReadOnlySpan<byte> text, ReadOnlySpan<byte> pattern, int counted)
{
    var count = 0;
    var offset = 0;
    int at;
    while ((at = text[offset..].IndexOf(pattern)) >= 0)
    {
        offset += at + pattern.Length;
        count += offset > counted ? 1 : 0;
    }

    return count;
}
