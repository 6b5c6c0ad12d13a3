using System.Diagnostics;
using System.Text.RegularExpressions;
using Gateway.Kafka.Embedded;
using Gateway.Tests.Support;

namespace Gateway.Tests.Hosting;

/// <summary>The image's HEALTHCHECK asks liveness: a Kafka outage makes the gateway unready, never unhealthy.</summary>
public sealed partial class ContainerHealthCheckTests
{
    [Fact]
    public async Task DockerfileHealthCheck_PassesWhileKafkaIsDown_ReadinessDoesNot()
    {
        using var cluster = new EmbeddedKafkaCluster(1);
        using var gateway = await GatewayProcess.StartAsync(cluster.BootstrapServers, new Dictionary<string, string> { ["Kafka__MetadataTimeoutMs"] = "500" });
        cluster.SetBrokerDown(1);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((int)(await gateway.Client.GetAsync("/health/ready")).StatusCode != 503)
        {
            Assert.True(DateTime.UtcNow < deadline, "readiness did not turn 503 with the broker down");
            await Task.Delay(100);
        }

        var dockerfile = await File.ReadAllTextAsync(Path.Combine(PinterestRows.RepositoryRoot(), "Dockerfile"));
        var command = HealthCheck().Match(dockerfile);
        Assert.True(command.Success, "the Dockerfile has no HEALTHCHECK CMD of the gateway's own probe");
        var url = command.Groups["url"].Value.Replace("127.0.0.1:8082", $"127.0.0.1:{gateway.Port}", StringComparison.Ordinal);
        var dll = Path.Combine(Path.GetDirectoryName(gateway.Process.StartInfo.ArgumentList[0])!, "Gateway.dll");
        using var probe = Process.Start(new ProcessStartInfo("dotnet", [dll, "--health-check", url]))!;
        await probe.WaitForExitAsync();

        Assert.Equal(0, probe.ExitCode);
    }

    [GeneratedRegex("""HEALTHCHECK[^\n]*\\\n\s*CMD \["dotnet", "/app/Gateway.dll", "--health-check", "(?<url>[^"]+)"\]""")]
    private static partial Regex HealthCheck();
}
