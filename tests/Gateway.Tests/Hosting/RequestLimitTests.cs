using System.Net;
using Gateway.Tests.Support;

namespace Gateway.Tests.Hosting;

/// <summary>Memory a caller can make the gateway hold stays bounded: methods, metric labels, bodies in flight.</summary>
public sealed class RequestLimitTests
{
    private const string OperatorKey = "operator-key-0123456789abcdef00";

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/topics/0a1b2c3d4e5f.pin")]
    [InlineData("/no/such/route")]
    public async Task InventedMethod_Is405BeforeAnythingElse_AndLeavesNoTraceInMetrics(string path)
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Security:AllowAnonymous"] = "false",
            ["Security:ApiKeys:operator:Sha256"] = Credentials.Sha256(OperatorKey),
            ["Security:ApiKeys:operator:Admin"] = "true",
        });
        var client = factory.CreateClient();
        var method = new string('Q', 3000);

        for (var i = 0; i < 5; i++)
        {
            await Rest.AssertErrorAsync(await client.SendAsync(new HttpRequestMessage(new HttpMethod(method + i), path)), 405, 405);
        }

        var metrics = await (await Credentials.GetAsync(client, "/metrics", Credentials.ApiKey(OperatorKey))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("QQQQQQQQ", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OPTIONS")]
    [InlineData("HEAD")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task StandardMethods_ReachRouting(string method)
    {
        using var factory = new GatewayFactory();

        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/no/such/route"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ValidationFailureLabels_AreCappedAndNormalised()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Schemas:Bindings:pin:Pattern"] = "[0-9a-f]{12}\\.pin",
            ["Schemas:Bindings:pin:Schema"] = "schemas/pinterest/pin.schema.json",
        });
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh("pin");
        var longName = new string('k', 20_000);

        var answer = await Rest.PostAsync(client, $"/topics/{topic}", "{\"records\":[{\"value\":{\"" + longName + "\":1}},{\"value\":[1,2]}]}");
        var metrics = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Equal(422, (int)answer.StatusCode);
        var labels = metrics.Split('\n').Where(l => l.StartsWith("gateway_validation_failures_total{", StringComparison.Ordinal) && l.Contains(topic, StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.True(l.Length < 300, $"a validation failure series is {l.Length} characters long"));
        Assert.Contains(labels, l => l.Contains("field=\"/kkkk", StringComparison.Ordinal));
    }
}
