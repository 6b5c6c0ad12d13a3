using Gateway.Reliability;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Reliability;

/// <summary>Past the in-flight limits a request gets 429 before any of its records is queued.</summary>
public sealed class AdmissionTests : IDisposable
{
    private readonly GatewayFactory _factory = new(new Dictionary<string, string?> { ["Reliability:MaxInFlightRecords"] = "10" });

    [Fact]
    public async Task BatchLargerThanTheLimit_Is429WithRetryAfter_NothingProduced()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();

        var refused = await Rest.PostAsync(client, $"/topics/{topic}", Batch(11));
        var admitted = await Rest.PostAsync(client, $"/topics/{topic}", Batch(10));

        await Rest.AssertErrorAsync(refused, 429, 429);
        Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        Assert.Equal(200, (int)admitted.StatusCode);
        Assert.Equal(10, KafkaReader.ReadAll(_factory.BootstrapServers, topic).Count);
    }

    [Fact]
    public async Task WhileRecordsWaitForASlowKafka_NewRecordsAre429_ThenAdmittedAgain()
    {
        var client = _factory.CreateClient();
        var admission = _factory.Services.GetRequiredService<Admission>();
        var topic = TestTopics.Fresh();
        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{topic}", Batch(1))).StatusCode);
        _factory.Cluster.SetRoundTripOfAllBrokers(3000);
        try
        {
            var holding = Rest.PostAsync(client, $"/topics/{topic}", Batch(8));
            await WaitUntilAsync(() => Task.FromResult(admission.InFlightRecords == 8));

            await Rest.AssertErrorAsync(await Rest.PostAsync(client, $"/topics/{topic}", Batch(5)), 429, 429);
            Assert.Equal(200, (int)(await holding).StatusCode);
        }
        finally
        {
            _factory.Cluster.SetRoundTripOfAllBrokers(0);
        }

        Assert.Equal(0, admission.InFlightRecords);
        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{topic}", Batch(10))).StatusCode);
        Assert.Equal(19, KafkaReader.ReadAll(_factory.BootstrapServers, topic).Count);
    }

    public void Dispose() => _factory.Dispose();

    internal static string Batch(int records, string tag = "r") =>
        "{\"records\":[" + string.Join(',', Enumerable.Range(0, records).Select(i => $"{{\"value\":\"{tag}{i}\"}}")) + "]}";


    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(20);
        }
    }
}
