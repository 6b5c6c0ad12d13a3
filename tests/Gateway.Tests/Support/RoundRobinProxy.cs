using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Support;

/// <summary>
/// haproxy from Debian's packages (installed by <c>scripts/install-test-tools</c>), in front of several
/// gateways: every request to the next gateway in turn, no affinity, dead gateways skipped once its
/// health check fails, as a load balancer in front of the fleet would.
/// </summary>
public sealed class RoundRobinProxy : IDisposable
{
    private readonly Process _process;
    private readonly string _config;

    private RoundRobinProxy(Process process, string config, int port)
    {
        _process = process;
        _config = config;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public static async Task<RoundRobinProxy> StartAsync(IEnumerable<int> backends)
    {
        var port = FreePort();
        var config = Path.Combine(Path.GetTempPath(), $"gateway-haproxy-{Guid.NewGuid():N}.cfg");
        var servers = string.Join('\n', backends.Select((p, i) => $"  server gateway{i} 127.0.0.1:{p} check inter 300 fall 1 rise 2"));
        await File.WriteAllTextAsync(config, $"""
            defaults
              mode http
              timeout connect 2s
              timeout client 60s
              timeout server 60s
              option http-server-close
              option redispatch
              retries 2
            frontend gateways
              bind 127.0.0.1:{port}
              default_backend fleet
            backend fleet
              balance roundrobin
              option httpchk GET /health/live
            {servers}

            """);
        var binary = File.Exists("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy";
        var process = Process.Start(new ProcessStartInfo(binary, ["-db", "-f", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new RoundRobinProxy(process, config, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                if ((await proxy.Client.GetAsync("/health/live")).IsSuccessStatusCode)
                {
                    return proxy;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                proxy.Dispose();
                throw new InvalidOperationException("haproxy did not start serving within 20 s; is it installed (scripts/install-test-tools)?");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5_000);
        }

        _process.Dispose();
        Client.Dispose();
        File.Delete(_config);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
