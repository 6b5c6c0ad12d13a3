using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Support;

/// <summary>
/// The gateway as a real process (the built Gateway.dll, the repository's appsettings.json), on a free
/// loopback port, producing to the cluster the test gives it.
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    private GatewayProcess(Process process, int port)
    {
        Process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public Process Process { get; }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>Every line the process wrote to standard output and error, in order.</summary>
    public IReadOnlyCollection<string> Output => _output;

    private readonly ConcurrentQueue<string> _output = new();

    /// <param name="bootstrapServers">The cluster to produce to.</param>
    /// <param name="settings">Environment variables over the shipped configuration.</param>
    /// <param name="workingDirectory">Where the process starts; the repository root unless given.</param>
    public static async Task<GatewayProcess> StartAsync(string bootstrapServers, IDictionary<string, string>? settings = null, string? workingDirectory = null)
    {
        var root = PinterestRows.RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(root, "src", "Gateway", "bin", configuration, "net10.0", "Gateway.dll")])
        {
            WorkingDirectory = workingDirectory ?? root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Kafka__BootstrapServers"] = bootstrapServers;
        start.Environment["Kafka__AutoCreateTopics"] = "false";

        // The shipped configuration is anonymous; on a cluster of the test's own that needs saying.
        start.Environment["Security__AllowAnonymousWithExternalKafka"] = "true";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            // "{port}" stands for the port this process listens on, e.g. in Cluster__AdvertisedUrl.
            start.Environment[key] = value.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        if (settings?.Keys.Any(k => k.StartsWith("Kestrel__Endpoints__", StringComparison.Ordinal)) == true)
        {
            // Configured endpoints replace ASPNETCORE_URLS; keep the plain one the helper talks to.
            start.Environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{port}";
        }

        var process = Process.Start(start)!;
        var gateway = new GatewayProcess(process, port);
        process.OutputDataReceived += (_, line) => gateway.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => gateway.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await gateway.WaitUntilServingAsync();
        return gateway;
    }

    /// <summary>Ends the process at once (SIGKILL), as a crashed or lost machine would.</summary>
    public void Kill()
    {
        Process.Kill(entireProcessTree: true);
        Process.WaitForExit(10_000);
    }

    /// <summary>Runs a gateway that is expected to stop by itself (a bad setting); its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunToExitAsync(IDictionary<string, string> settings)
    {
        var root = PinterestRows.RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(root, "src", "Gateway", "bin", configuration, "net10.0", "Gateway.dll")])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The gateway process did not stop by itself within 60 s.");
        }

        return (process.ExitCode, await output, await errors);
    }

    /// <summary>A free loopback port, e.g. for a second listener.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until a line of output satisfies <paramref name="match"/>; fails after 20 s.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_output.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no such line of output within 20 s; the last lines: {string.Join('\n', _output.TakeLast(20))}");
    }

    /// <summary>Sends SIGTERM, as a container runtime does on stop.</summary>
    public void Terminate() =>
        Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }

        Client.Dispose();
        Process.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !Process.HasExited)
        {
            try
            {
                if ((await Client.GetAsync("/health/live")).IsSuccessStatusCode)
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

    private void Keep(string? line)
    {
        if (line is not null && _output.Count < 100_000)
        {
            _output.Enqueue(line);
        }
    }
}
