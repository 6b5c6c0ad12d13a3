using System.Globalization;

namespace Gateway.Emulator;

/// <summary>What to post, where, and how fast.</summary>
internal sealed record EmulatorOptions
{
    public Uri Target { get; init; } = new("http://localhost:8082/");
    public string UserId { get; init; } = "0a1b2c3d4e5f";
    public string? RowsFolder { get; init; }
    public int Seed { get; init; } = 100;
    public int? Count { get; init; }
    public TimeSpan? Duration { get; init; }
    public bool OriginalPacing { get; init; } = true;
    public double? DrawsPerSecond { get; init; }
    public int Concurrency { get; init; } = 1;
    public int RecordsPerRequest { get; init; } = 1;
    public string? ApiKey { get; init; }

    public const string Usage = """
        Gateway emulator: posts Pinterest pin, geo and user rows the way the course's user_posting_emulation.py does.
          --url URL               gateway or API Gateway invoke URL (default http://localhost:8082/)
          --user-id HEX           topics <user-id>.pin/.geo/.user (default 0a1b2c3d4e5f)
          --rows FOLDER           replay pin.jsonl, geo.jsonl, user.jsonl from FOLDER (default: seeded generator)
          --seed N                generator seed (default 100)
          --count N               stop after N draws
          --duration SECONDS      stop after this long
          --pacing original|none  original sleeps 0 or 1 s before each draw (default original)
          --rate N                at most N draws per second across all workers
          --concurrency N         parallel posting loops (default 1)
          --records-per-request N rows per POST (default 1, as the original)
          --api-key KEY           send X-API-Key
        Exits 1 when any request or record failed.
        """;

    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--url" => options with { Target = new Uri(Value().TrimEnd('/') + "/") },
                "--user-id" => options with { UserId = Value() },
                "--rows" => options with { RowsFolder = Value() },
                "--seed" => options with { Seed = Number() },
                "--count" => options with { Count = Number() },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number()) },
                "--pacing" => options with { OriginalPacing = Value() switch { "original" => true, "none" => false, var p => throw new ArgumentException($"--pacing {p}: use original or none.") } },
                "--rate" => options with { DrawsPerSecond = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--concurrency" => options with { Concurrency = Math.Max(1, Number()) },
                "--records-per-request" => options with { RecordsPerRequest = Math.Max(1, Number()) },
                "--api-key" => options with { ApiKey = Value() },
                var unknown => throw new ArgumentException($"Unknown option {unknown}."),
            };
        }

        return options;
    }
}
