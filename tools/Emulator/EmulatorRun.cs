using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gateway.Emulator;

/// <summary>The posting loop: each draw posts its pin, geo and user rows in turn, as the original script does.</summary>
internal sealed class EmulatorRun(EmulatorOptions options, HttpClient http, IDrawSource draws, TextWriter progress)
{
    private static readonly string[] Tables = ["pin", "geo", "user"];
    private readonly Lock _lock = new();
    private readonly List<double> _latenciesMs = [];
    private readonly Random _pacing = new(options.Seed);
    private long _draws;
    private long _requests;
    private long _records;
    private long _failures;

    public long Requests => Interlocked.Read(ref _requests);

    public long Records => Interlocked.Read(ref _records);

    public long Failures => Interlocked.Read(ref _failures);

    public async Task<int> RunAsync(CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (options.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        var clock = Stopwatch.StartNew();
        using var reporter = new Timer(_ => Report(clock.Elapsed, final: false), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => WorkAsync(clock, stop.Token)).ToArray();
        await Task.WhenAll(workers);
        Report(clock.Elapsed, final: true);
        return Failures == 0 ? 0 : 1;
    }

    private async Task WorkAsync(Stopwatch clock, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested && TakeDraw() is { } draw)
            {
                if (options.OriginalPacing)
                {
                    // random.randrange(0, 2): sleep 0 or 1 s before each draw.
                    int pause;
                    lock (_lock)
                    {
                        pause = _pacing.Next(0, 2);
                    }

                    await Task.Delay(TimeSpan.FromSeconds(pause), stop);
                }

                if (options.DrawsPerSecond is { } rate)
                {
                    var due = TimeSpan.FromSeconds(draw / rate);
                    if (due > clock.Elapsed)
                    {
                        await Task.Delay(due - clock.Elapsed, stop);
                    }
                }

                var rows = Enumerable.Range(0, options.RecordsPerRequest).Select(_ => draws.Next()).ToArray();
                await PostAsync("pin", rows.Select(r => r.Pin), stop);
                await PostAsync("geo", rows.Select(r => r.Geo), stop);
                await PostAsync("user", rows.Select(r => r.User), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Duration reached or interrupted.
        }
    }

    private long? TakeDraw()
    {
        var draw = Interlocked.Increment(ref _draws) - 1;
        return options.Count is { } count && draw >= count ? null : draw;
    }

    private async Task PostAsync(string table, IEnumerable<string> rows, CancellationToken stop)
    {
        var values = rows.ToArray();
        var body = "{\"records\": [" + string.Join(", ", values.Select(v => $"{{\"value\": {v}}}")) + "]}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Target, $"topics/{options.UserId}.{table}"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.kafka.json.v2+json");
        request.Headers.Accept.ParseAdd("*/*");
        if (options.ApiKey is { } key)
        {
            request.Headers.Add("X-API-Key", key);
        }

        var started = Stopwatch.GetTimestamp();
        var ok = false;
        try
        {
            using var response = await http.SendAsync(request, stop);
            var answer = await response.Content.ReadAsStringAsync(stop);
            ok = response.IsSuccessStatusCode && AllRecordsStored(answer, values.Length);
            if (!ok)
            {
                await progress.WriteLineAsync($"{table}: HTTP {(int)response.StatusCode} {answer[..Math.Min(answer.Length, 300)]}");
            }
        }
        catch (HttpRequestException e)
        {
            await progress.WriteLineAsync($"{table}: {e.Message}");
        }

        Interlocked.Increment(ref _requests);
        if (ok)
        {
            Interlocked.Add(ref _records, values.Length);
        }
        else
        {
            Interlocked.Increment(ref _failures);
        }

        lock (_lock)
        {
            _latenciesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static bool AllRecordsStored(string answer, int records)
    {
        using var json = JsonDocument.Parse(answer);
        var offsets = json.RootElement.GetProperty("offsets");
        return offsets.GetArrayLength() == records && offsets.EnumerateArray().All(o => o.GetProperty("error_code").ValueKind == JsonValueKind.Null);
    }

    private void Report(TimeSpan elapsed, bool final)
    {
        double p50, p99;
        lock (_lock)
        {
            var sorted = _latenciesMs.Order().ToArray();
            p50 = Percentile(sorted, 0.50);
            p99 = Percentile(sorted, 0.99);
        }

        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{(final ? "done" : "t")}={elapsed.TotalSeconds:F0}s requests={Requests} ({Requests / seconds:F1}/s) records={Records} ({Records / seconds:F1}/s) errors={Failures} p50={p50:F1}ms p99={p99:F1}ms");
        progress.WriteLine(line);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
