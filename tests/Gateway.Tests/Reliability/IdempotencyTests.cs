using System.Net.Http.Headers;
using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Reliability;

/// <summary>A retry with the same Idempotency-Key gets the first answer and produces nothing new.</summary>
public sealed class IdempotencyTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    [Fact]
    public async Task Retry_WithSameKey_ReturnsTheFirstAnswer_AndProducesOnce()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();

        var first = await PostAsync(client, topic, "key-1", AdmissionTests.Batch(3));
        var retry = await PostAsync(client, topic, "key-1", AdmissionTests.Batch(3));

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(3, KafkaReader.ReadAll(_factory.BootstrapServers, topic).Count);
    }

    [Fact]
    public async Task ConcurrentDuplicates_WaitForTheFirst_AndProduceOnce()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();
        await Rest.PostAsync(client, $"/topics/{topic}", AdmissionTests.Batch(1, "warm"));
        _factory.Cluster.SetRoundTripOfAllBrokers(500);
        HttpResponseMessage[] answers;
        try
        {
            answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(client, topic, "same", AdmissionTests.Batch(2))));
        }
        finally
        {
            _factory.Cluster.SetRoundTripOfAllBrokers(0);
        }

        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        Assert.All(answers, a => Assert.Equal(200, (int)a.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Equal(3, KafkaReader.ReadAll(_factory.BootstrapServers, topic).Count);
    }

    [Fact]
    public async Task SameKey_DifferentRequest_Is422()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();
        await PostAsync(client, topic, "key-2", AdmissionTests.Batch(1));

        await Rest.AssertErrorAsync(await PostAsync(client, topic, "key-2", AdmissionTests.Batch(2)), 422, 42230);
        Assert.Single(KafkaReader.ReadAll(_factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task DeadlinePassed_SaysOutcomeUnknown_RetryWithSameKeyGetsTheRealOutcome()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();
        await Rest.PostAsync(client, $"/topics/{topic}", AdmissionTests.Batch(1, "warm"));
        _factory.Cluster.SetRoundTripOfAllBrokers(1500);
        HttpResponseMessage late;
        try
        {
            late = await PostAsync(client, topic, "slow", AdmissionTests.Batch(2), deadlineMs: 200);
        }
        finally
        {
            _factory.Cluster.SetRoundTripOfAllBrokers(0);
        }

        var message = await Rest.AssertErrorAsync(late, 504, 50401);
        Assert.Contains("outcome is unknown", message, StringComparison.Ordinal);
        var retry = await PostAsync(client, topic, "slow", AdmissionTests.Batch(2));
        var offsets = (await Rest.JsonAsync(retry)).GetProperty("offsets");
        Assert.Equal(200, (int)retry.StatusCode);
        Assert.Equal(2, offsets.GetArrayLength());
        var stored = KafkaReader.ReadAll(_factory.BootstrapServers, topic);
        Assert.Equal(3, stored.Count);
        Assert.Contains(stored, r => r.Offset == offsets[0].GetProperty("offset").GetInt64()
            && r.Partition == offsets[0].GetProperty("partition").GetInt32() && Encoding.UTF8.GetString(r.Value!) == "\"r0\"");
    }

    [Fact]
    public async Task DeadlineHeaderOutOfRange_Is400()
    {
        var response = await PostAsync(_factory.CreateClient(), TestTopics.Fresh(), "k", AdmissionTests.Batch(1), deadlineMs: 10);

        await Rest.AssertErrorAsync(response, 400, 400);
    }

    public void Dispose() => _factory.Dispose();

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string topic, string key, string body, int? deadlineMs = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/topics/{topic}") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Rest.JsonV2);
        request.Headers.Add("Idempotency-Key", key);
        if (deadlineMs is { } ms)
        {
            request.Headers.Add("X-Gateway-Deadline-Ms", ms.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return client.SendAsync(request);
    }

}
