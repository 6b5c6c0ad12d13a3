using Gateway.Tests.Support;
using static Gateway.Tests.Support.Credentials;

namespace Gateway.Tests.Security;

/// <summary>
/// Refusals are limited per address; one principal has one budget whichever of its keys it uses; a token
/// names its principal or is refused; Retry-After is long enough to succeed.
/// </summary>
public sealed class RefusalAndRateLimitTests
{
    private const string Key = "rate-key-0123456789abcdef000000";
    private const string NextKey = "rate-key-next-0123456789abcdef0";

    private static Dictionary<string, string?> Locked(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>(Jwt)
        {
            ["Security:AllowAnonymous"] = "false",
            ["Security:ApiKeys:emulator:Sha256"] = Sha256(Key),
            ["Security:ApiKeys:emulator:Topics:0"] = ".*",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task RepeatedRefusals_FromOneAddress_Become429WithRetryAfter()
    {
        using var factory = new GatewayFactory(Locked(("Security:RefusalsPerSecond", "5")));
        var client = factory.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await ProduceAsync(client, TestTopics.Fresh(), ApiKey("not-a-key-" + i)));
        }

        Assert.Contains(answers, a => (int)a.StatusCode == 401);
        var limited = answers.FirstOrDefault(a => (int)a.StatusCode == 429);
        Assert.NotNull(limited);
        await Rest.AssertErrorAsync(limited, 429, 429);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task OnePrincipal_WithTwoKeysDuringRotation_HasOneBudget()
    {
        using var factory = new GatewayFactory(Locked(("Security:RequestsPerSecond", "2"), ("Security:ApiKeys:emulator:Sha256", $"{Sha256(Key)}, {Sha256(NextKey)}")));
        var client = factory.CreateClient();

        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((int)(await ProduceAsync(client, TestTopics.Fresh(), ApiKey(i % 2 == 0 ? Key : NextKey))).StatusCode);
        }

        Assert.Contains(200, statuses);
        Assert.Contains(429, statuses);
    }

    [Fact]
    public async Task TokenWithoutSub_IsItsClientsPrincipal_WithItsOwnBudget()
    {
        using var factory = new GatewayFactory(Locked(("Security:RequestsPerSecond", "1")));
        var client = factory.CreateClient();
        var first = Token(new Dictionary<string, object> { ["client_id"] = "pipeline-a", ["topics"] = "*" });
        var second = Token(new Dictionary<string, object> { ["azp"] = "pipeline-b", ["topics"] = "*" });

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((int)(await ProduceAsync(client, TestTopics.Fresh(), Bearer(first))).StatusCode);
        }

        Assert.Contains(429, statuses);
        Assert.Equal(200, (int)(await ProduceAsync(client, TestTopics.Fresh(), Bearer(second))).StatusCode);
    }

    [Fact]
    public async Task TokenNamingNoPrincipal_Is401()
    {
        using var factory = new GatewayFactory(Locked());
        var token = Token(new Dictionary<string, object> { ["topics"] = "*" });

        var message = await Rest.AssertErrorAsync(await ProduceAsync(factory.CreateClient(), TestTopics.Fresh(), Bearer(token)), 401, 401);

        Assert.Contains("sub", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAfter_IsLongEnoughForTheRetryToSucceed()
    {
        using var factory = new GatewayFactory(Locked(("Security:RequestsPerSecond", "1")));
        var client = factory.CreateClient();

        HttpResponseMessage answer;
        do
        {
            answer = await ProduceAsync(client, TestTopics.Fresh(), ApiKey(Key));
        }
        while ((int)answer.StatusCode == 200);

        await Rest.AssertErrorAsync(answer, 429, 429);
        var wait = answer.Headers.RetryAfter!.Delta!.Value;
        await Task.Delay(wait);
        var retried = await ProduceAsync(client, TestTopics.Fresh(), ApiKey(Key));

        Assert.True((int)retried.StatusCode == 200, $"the retry after the {wait.TotalSeconds} s Retry-After got {(int)retried.StatusCode}");
    }
}
