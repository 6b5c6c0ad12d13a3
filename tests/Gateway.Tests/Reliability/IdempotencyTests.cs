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
    public async Task ManyKeys_AtOnce_EachRetryGetsItsFirstAnswer_AndNothingIsProducedTwice()
    {
        // Under load Kafka often acknowledges before the handler looks at the answer: such an answer must
        // be remembered like a late one, or the retry produces the batch again.
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();
        var keys = Enumerable.Range(0, 60).Select(i => $"many-{i}").ToArray();

        var firsts = await Task.WhenAll(keys.Select(async k => await (await PostAsync(client, topic, k, AdmissionTests.Batch(2, k))).Content.ReadAsStringAsync()));
        var retries = await Task.WhenAll(keys.Select(async k => await (await PostAsync(client, topic, k, AdmissionTests.Batch(2, k))).Content.ReadAsStringAsync()));

        Assert.Equal(firsts, retries);
        Assert.Equal(2 * keys.Length, KafkaReader.ReadAll(_factory.BootstrapServers, topic).Count);
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

    [Fact]
    public async Task SameKeySameBytes_AsJsonThenAsBinary_IsADifferentRequest_422()
    {
        var client = _factory.CreateClient();
        var topic = TestTopics.Fresh();
        const string body = """{"records":[{"value":"AAEC"}]}""";

        Assert.Equal(200, (int)(await PostAsync(client, topic, "formats", body)).StatusCode);
        var binary = await PostAsync(client, topic, "formats", body, contentType: Rest.BinaryV2);

        await Rest.AssertErrorAsync(binary, 422, 42230);
        Assert.Equal("\"AAEC\"", Encoding.UTF8.GetString(Assert.Single(KafkaReader.ReadAll(_factory.BootstrapServers, topic)).Value!));
    }

    [Fact]
    public async Task SameKeyFromTwoCallers_NeverMeets_EachProduces()
    {
        using var secured = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Security:AllowAnonymous"] = "false",
            ["Security:ApiKeys:alice:Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("alice-key"u8)),
            ["Security:ApiKeys:alice:Topics:0"] = ".*",
            ["Security:ApiKeys:bob:Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("bob-key"u8)),
            ["Security:ApiKeys:bob:Topics:0"] = ".*",
        });
        var alice = secured.CreateClient();
        alice.DefaultRequestHeaders.Add("X-API-Key", "alice-key");
        var bob = secured.CreateClient();
        bob.DefaultRequestHeaders.Add("X-API-Key", "bob-key");
        var topic = TestTopics.Fresh();

        Assert.Equal(200, (int)(await PostAsync(alice, topic, "shared", AdmissionTests.Batch(1))).StatusCode);
        Assert.Equal(200, (int)(await PostAsync(bob, topic, "shared", AdmissionTests.Batch(1))).StatusCode);
        Assert.Equal(422, (int)(await PostAsync(bob, topic, "shared", AdmissionTests.Batch(2))).StatusCode);

        Assert.Equal(2, KafkaReader.ReadAll(secured.BootstrapServers, topic).Count);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(4000)]
    public async Task KeyLongerThan255Characters_Is400_NothingProduced(int length)
    {
        var topic = TestTopics.Fresh();

        await Rest.AssertErrorAsync(await PostAsync(_factory.CreateClient(), topic, new string('k', length), AdmissionTests.Batch(1)), 400, 400);
        Assert.Equal(200, (int)(await PostAsync(_factory.CreateClient(), topic, new string('k', 255), AdmissionTests.Batch(1))).StatusCode);
        Assert.Single(KafkaReader.ReadAll(_factory.BootstrapServers, topic));
    }

    public void Dispose() => _factory.Dispose();

    private static Task<HttpResponseMessage> PostAsync(
        HttpClient client, string topic, string key, string body, int? deadlineMs = null, string contentType = Rest.JsonV2)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/topics/{topic}") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("Idempotency-Key", key);
        if (deadlineMs is { } ms)
        {
            request.Headers.Add("X-Gateway-Deadline-Ms", ms.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return client.SendAsync(request);
    }

}
