using System.Text;
using System.Text.Json;
using Gateway.Emulator;
using Gateway.Tests.Support;

namespace Gateway.Tests.Emulator;

/// <summary>The emulator posts what the course's script posts, and the gateway takes all of it.</summary>
public sealed class EmulatorTests : IClassFixture<EmulatorTests.ShippedGateway>
{
    private readonly GatewayFactory _factory;

    public EmulatorTests(ShippedGateway gateway) => _factory = gateway.Factory;

    [Theory]
    [InlineData("pin")]
    [InlineData("geo")]
    [InlineData("user")]
    public void PythonJson_LaysOutRowsExactlyAsTheRealEmulatorDid(string table)
    {
        foreach (var line in PinterestRows.Lines(table))
        {
            Assert.Equal(line, PythonJson.Dumps(ToValue(JsonDocument.Parse(line).RootElement)));
        }
    }

    [Fact]
    public async Task GeneratedDraws_AllAcceptedByTheShippedSchemas_AndStored()
    {
        var userId = TopicPrefix();
        var options = new EmulatorOptions { UserId = userId, Count = 30, OriginalPacing = false, Concurrency = 3, Seed = 7 };
        var output = new StringWriter();

        var exit = await new EmulatorRun(options, Client(), new RowGenerator(options.Seed), output).RunAsync(CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        foreach (var table in new[] { "pin", "geo", "user" })
        {
            Assert.Equal(30, KafkaReader.ReadAll(_factory.BootstrapServers, $"{userId}.{table}").Count);
        }

        Assert.Contains("done=", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("records=90", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealRows_InBatches_StoredAsCompactJson()
    {
        var userId = TopicPrefix();
        var options = new EmulatorOptions { UserId = userId, Count = 8, OriginalPacing = false, RecordsPerRequest = 3 };

        var exit = await new EmulatorRun(options, Client(), new FileDraws(PinterestRows.DataFolder()), new StringWriter()).RunAsync(CancellationToken.None);

        Assert.Equal(0, exit);
        var stored = KafkaReader.ReadAll(_factory.BootstrapServers, $"{userId}.geo").Select(r => Encoding.UTF8.GetString(r.Value!)).Order().ToArray();
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Produce", "Data", "geo.compact.jsonl"));
        Assert.Equal(expected.Order(), stored);
    }

    [Fact]
    public async Task RefusedRequests_MakeTheEmulatorExitNonZero()
    {
        var options = new EmulatorOptions { UserId = "not-a-user", Count = 1, OriginalPacing = false };
        var output = new StringWriter();

        var exit = await new EmulatorRun(options, Client(), new RowGenerator(1), output).RunAsync(CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("HTTP 403", output.ToString(), StringComparison.Ordinal);
    }

    private HttpClient Client()
    {
        var client = _factory.CreateClient();
        return client;
    }

    private static string TopicPrefix() => TestTopics.Fresh()[..12];

    private static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, ToValue(p.Value))).ToList(),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public sealed class ShippedGateway : IDisposable
    {
        public GatewayFactory Factory { get; } = new(ShippedSettings.Section("Schemas").Concat(ShippedSettings.Section("Security")).ToDictionary());

        public void Dispose() => Factory.Dispose();
    }
}
