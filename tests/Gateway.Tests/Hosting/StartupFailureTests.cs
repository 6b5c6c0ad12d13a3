using Gateway.Tests.Support;

namespace Gateway.Tests.Hosting;

/// <summary>A real gateway process with bad settings: a non-zero exit and one line per problem naming its key, no stack trace.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task BadSettings_StopTheProcess_WithOneLinePerProblem_NamingEachKey_NoStackTrace()
    {
        var (exit, output, errors) = await GatewayProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["Kafka__Producer__no.such.property"] = "1",
            ["Kafka__Producer__request.required.acks"] = "1",
            ["Kafka__DefaultPartitions"] = "0",
        });

        Assert.NotEqual(0, exit);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("Kafka:Producer:no.such.property", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Kafka:Producer:request.required.acks", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Kafka:DefaultPartitions", StringComparison.Ordinal));
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain("   at ", output + errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output + errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnloadableSchema_StopsTheProcess_NamingTheBinding_NoStackTrace()
    {
        var (exit, output, errors) = await GatewayProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["Schemas__Bindings__pin__Schema"] = "README.md",
        });

        Assert.NotEqual(0, exit);
        Assert.Contains("Schemas:Bindings:pin:Schema", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + errors, StringComparison.Ordinal);
    }
}
