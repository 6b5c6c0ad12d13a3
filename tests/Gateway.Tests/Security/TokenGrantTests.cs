using Gateway.Tests.Support;
using static Gateway.Tests.Support.Credentials;

namespace Gateway.Tests.Security;

/// <summary>
/// A token's topic grants are literal names or globs, never regular expressions; a malformed grant is
/// refused, saying so; configured patterns (regular expressions) match the whole name only.
/// </summary>
public sealed class TokenGrantTests : IDisposable
{
    private const string SandboxKey = "sandbox-key-0123456789abcdef00";

    private readonly GatewayFactory _factory = new(new Dictionary<string, string?>(Jwt)
    {
        ["Security:AllowAnonymous"] = "false",
        ["Security:ApiKeys:sandbox:Sha256"] = Sha256(SandboxKey),
        ["Security:ApiKeys:sandbox:Topics:0"] = "sandbox|scratch",
        ["Security:ApiKeys:sandbox:Topics:1"] = "team\\.[a-z]+",
    });

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("x)|(.*")]
    [InlineData("(")]
    [InlineData("(a+)+b")]
    [InlineData("[a-z]+\\.pin")]
    [InlineData("pin|geo")]
    public async Task RegularExpressionInATokenGrant_Is403_NamingTheMalformedGrant(string grant)
    {
        var token = Token(new Dictionary<string, object> { ["sub"] = "emulator", ["topics"] = grant });

        var message = await Rest.AssertErrorAsync(await ProduceAsync(_factory.CreateClient(), TestTopics.Fresh(), Bearer(token)), 403, 40301);

        Assert.Contains("topics claim", message, StringComparison.Ordinal);
        Assert.Contains("not a topic name or glob", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotInAGrant_IsALiteralDot()
    {
        var token = Token(new Dictionary<string, object> { ["sub"] = "emulator", ["topics"] = "other.topic" });
        var client = _factory.CreateClient();

        Assert.Equal(200, (int)(await ProduceAsync(client, "other.topic", Bearer(token))).StatusCode);
        await Rest.AssertErrorAsync(await ProduceAsync(client, "otherXtopic", Bearer(token)), 403, 40301);
    }

    [Fact]
    public async Task DotStar_IsAGlobForNamesBeginningWithADot_NotEveryName()
    {
        var token = Token(new Dictionary<string, object> { ["sub"] = "emulator", ["topics"] = ".*" });

        await Rest.AssertErrorAsync(await ProduceAsync(_factory.CreateClient(), TestTopics.Fresh(), Bearer(token)), 403, 40301);
    }

    [Fact]
    public async Task Globs_StarIsAnyRun_QuestionMarkIsOneCharacter_OverTheWholeName()
    {
        var token = Token(new Dictionary<string, object> { ["sub"] = "emulator", ["topics"] = "*.pin team-?.geo" });
        var client = _factory.CreateClient();

        Assert.Equal(200, (int)(await ProduceAsync(client, TestTopics.Fresh("pin"), Bearer(token))).StatusCode);
        Assert.Equal(200, (int)(await ProduceAsync(client, "team-a.geo", Bearer(token))).StatusCode);
        await Rest.AssertErrorAsync(await ProduceAsync(client, "team-ab.geo", Bearer(token)), 403, 40301);
        await Rest.AssertErrorAsync(await ProduceAsync(client, $"{TestTopics.Fresh("pin")}.more", Bearer(token)), 403, 40301);
    }

    [Theory]
    [InlineData("sandbox", 200)]
    [InlineData("scratch", 200)]
    [InlineData("team.data", 200)]
    [InlineData("sandboxes", 403)]
    [InlineData("my-scratch", 403)]
    [InlineData("team.data2", 403)]
    [InlineData("xteam.data", 403)]
    public async Task ConfiguredPatterns_MatchTheWholeName(string topic, int status)
    {
        var response = await ProduceAsync(_factory.CreateClient(), topic, ApiKey(SandboxKey));

        Assert.Equal(status, (int)response.StatusCode);
    }
}
