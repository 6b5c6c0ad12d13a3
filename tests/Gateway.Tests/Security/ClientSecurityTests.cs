using System.Net.Http.Headers;
using Gateway.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static Gateway.Tests.Support.Credentials;

namespace Gateway.Tests.Security;

/// <summary>Who may produce where: each way in, each refusal, and no secret in the logs.</summary>
public sealed class ClientSecurityTests
{
    private const string EmulatorKey = "emulator-key-0123456789abcdef";
    private const string RotatedKey = "emulator-key-rotated-fedcba9876";
    private const string AnalystKey = "analyst-key-00000000000000000";
    private const string Secret = "api-gateway-shared-secret-value";
    private const string Good = """{"records":[{"value":{"a":1}}]}""";
    private const string Malformed = """{"records":[{"value":""";

    private static Dictionary<string, string?> Locked(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Security:AllowAnonymous"] = "false",
            ["Security:ApiKeys:emulator:Sha256"] = Sha256(EmulatorKey),
            ["Security:ApiKeys:emulator:Topics:0"] = "[0-9a-f]{12}\\.(pin|geo|user)",
            ["Security:ApiKeys:emulator-next:Sha256"] = Sha256(RotatedKey),
            ["Security:ApiKeys:emulator-next:Topics:0"] = "[0-9a-f]{12}\\.(pin|geo|user)",
            ["Security:ApiKeys:analyst:Sha256"] = Sha256(AnalystKey),
            ["Security:ApiKeys:analyst:Topics:0"] = "sandbox\\..*",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task NoCredentials_Is401BeforeTheBodyIsRead()
    {
        using var factory = new GatewayFactory(Locked());
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();

        var message = await Rest.AssertErrorAsync(await Rest.PostAsync(client, $"/topics/{topic}", Malformed), 401, 401);

        Assert.Contains("X-API-Key", message, StringComparison.Ordinal);
        await Rest.AssertErrorAsync(await client.GetAsync("/topics"), 401, 401);
        // Health stays open to callers without credentials.
        await Rest.ReadyAsync(client);
    }

    [Theory]
    [InlineData(EmulatorKey)]
    [InlineData(RotatedKey)]
    public async Task ApiKey_EitherOfARotatingPair_MayProduce(string key)
    {
        using var factory = new GatewayFactory(Locked());
        var topic = TestTopics.Fresh();

        var response = await PostAsync(factory.CreateClient(), topic, Good, ("X-API-Key", key));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Single(KafkaReader.ReadAll(factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task UnknownApiKey_Is401()
    {
        using var factory = new GatewayFactory(Locked());

        await Rest.AssertErrorAsync(await PostAsync(factory.CreateClient(), TestTopics.Fresh(), Good, ("X-API-Key", "guess")), 401, 401);
    }

    [Fact]
    public async Task ForbiddenTopic_Is403_40301_BeforeTheBodyIsRead_NothingProduced()
    {
        using var factory = new GatewayFactory(Locked());
        var topic = TestTopics.Fresh();

        var message = await Rest.AssertErrorAsync(await PostAsync(factory.CreateClient(), topic, Malformed, ("X-API-Key", AnalystKey)), 403, 40301);

        Assert.Contains("apikey:analyst", message, StringComparison.Ordinal);
        Assert.Empty(KafkaReader.ReadAll(factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task ShippedAnonymousDefault_AllowsOnlyPinterestTopics()
    {
        using var factory = new GatewayFactory(ShippedSettings.Section("Security"));
        var client = factory.CreateClient();

        Assert.Equal(200, (int)(await Rest.PostAsync(client, $"/topics/{TestTopics.Fresh("geo")}", Good)).StatusCode);
        await Rest.AssertErrorAsync(await Rest.PostAsync(client, $"/topics/{TestTopics.Fresh("clicks")}", Good), 403, 40301);
    }

    [Fact]
    public async Task SharedSecret_IsRequiredEvenWithAValidKey()
    {
        using var factory = new GatewayFactory(Locked(("Security:SharedSecret:Value", Secret)));
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();

        var bypass = await PostAsync(client, topic, Good, ("X-API-Key", EmulatorKey));
        var wrong = await PostAsync(client, topic, Good, ("X-API-Key", EmulatorKey), ("X-Gateway-Secret", "not-the-secret-at-all"));
        var through = await PostAsync(client, topic, Good, ("X-API-Key", EmulatorKey), ("X-Gateway-Secret", Secret));

        Assert.Contains("API Gateway", await Rest.AssertErrorAsync(bypass, 401, 401), StringComparison.Ordinal);
        await Rest.AssertErrorAsync(wrong, 401, 401);
        Assert.Equal(200, (int)through.StatusCode);
    }

    [Fact]
    public async Task SharedSecretFromAFile_WithAnonymousTopics_LetsApiGatewayTrafficIn()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, Secret + "\n");
        try
        {
            using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Security:SharedSecret:ValueFile"] = file });
            var client = factory.CreateClient();

            await Rest.AssertErrorAsync(await Rest.PostAsync(client, $"/topics/{TestTopics.Fresh()}", Good), 401, 401);
            Assert.Equal(200, (int)(await PostAsync(client, TestTopics.Fresh(), Good, ("X-Gateway-Secret", Secret))).StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task JwtBearer_ValidTokenMayProduceToItsTopics_OthersRefused()
    {
        using var factory = new GatewayFactory(Locked(
            ("Security:Jwt:Issuer", "https://issuer.example"), ("Security:Jwt:Audience", "gateway"), ("Security:Jwt:SigningKey", JwtKey)));
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh("pin");

        var valid = await PostAsync(client, topic, Good, ("Authorization", $"Bearer {Token("https://issuer.example", DateTime.UtcNow.AddMinutes(5), "*.pin")}"));
        var otherTopic = await PostAsync(client, TestTopics.Fresh("geo"), Good, ("Authorization", $"Bearer {Token("https://issuer.example", DateTime.UtcNow.AddMinutes(5), "*.pin")}"));
        var expired = await PostAsync(client, topic, Good, ("Authorization", $"Bearer {Token("https://issuer.example", DateTime.UtcNow.AddMinutes(-5), ".*")}"));
        var wrongIssuer = await PostAsync(client, topic, Good, ("Authorization", $"Bearer {Token("https://evil.example", DateTime.UtcNow.AddMinutes(5), ".*")}"));

        Assert.Equal(200, (int)valid.StatusCode);
        await Rest.AssertErrorAsync(otherTopic, 403, 40301);
        await Rest.AssertErrorAsync(expired, 401, 401);
        await Rest.AssertErrorAsync(wrongIssuer, 401, 401);
    }

    [Fact]
    public async Task RateLimitPerCaller_Is429WithRetryAfter_OtherCallersUnaffected()
    {
        using var factory = new GatewayFactory(Locked(("Security:RequestsPerSecond", "2")));
        var client = factory.CreateClient();
        var topic = TestTopics.Fresh();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await PostAsync(client, topic, Good, ("X-API-Key", EmulatorKey)));
        }

        var limited = answers.First(a => (int)a.StatusCode == 429);
        await Rest.AssertErrorAsync(limited, 429, 429);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(200, (int)(await PostAsync(client, topic, Good, ("X-API-Key", RotatedKey))).StatusCode);
    }

    [Fact]
    public async Task EveryAnswer_CarriesSecurityHeaders()
    {
        using var factory = new GatewayFactory();
        var response = await Rest.PostAsync(factory.CreateClient(), $"/topics/{TestTopics.Fresh()}", Good);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task CredentialsAndSecrets_NeverAppearInLogsOrAnswers()
    {
        var logs = new CapturedLogs();
        using var factory = new GatewayFactory(Locked(
            ("Security:SharedSecret:Value", Secret), ("Security:Jwt:Issuer", "https://issuer.example"),
            ("Security:Jwt:Audience", "gateway"), ("Security:Jwt:SigningKey", JwtKey), ("Logging:LogLevel:Default", "Trace"))).WithLogs(logs);
        var client = factory.CreateClient();
        var token = Token("https://issuer.example", DateTime.UtcNow.AddMinutes(5), "*");
        var answers = new[]
        {
            await PostAsync(client, TestTopics.Fresh(), Good, ("X-API-Key", EmulatorKey), ("X-Gateway-Secret", Secret)),
            await PostAsync(client, TestTopics.Fresh(), Good, ("X-API-Key", "wrong-" + EmulatorKey), ("X-Gateway-Secret", Secret)),
            await PostAsync(client, TestTopics.Fresh(), Good, ("Authorization", $"Bearer {token}"), ("X-Gateway-Secret", Secret)),
            await PostAsync(client, TestTopics.Fresh(), Good, ("Authorization", $"Bearer {token}x"), ("X-Gateway-Secret", Secret)),
            await PostAsync(client, TestTopics.Fresh(), Good, ("X-API-Key", AnalystKey), ("X-Gateway-Secret", "wrong")),
        };
        var bodies = string.Join('\n', await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())));

        Assert.NotEmpty(logs.Lines);
        foreach (var secret in new[] { EmulatorKey, AnalystKey, Secret, token, JwtKey, token.Split('.')[2] })
        {
            Assert.DoesNotContain(secret, logs.All, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, bodies, StringComparison.Ordinal);
        }
    }

    private static string Token(string issuer, DateTime expires, string topics) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "gateway",
            IssuedAt = expires.AddMinutes(-10),
            NotBefore = expires.AddMinutes(-10),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = "emulator", ["topics"] = topics },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(JwtKey)), SecurityAlgorithms.HmacSha256),
        });

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string topic, string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/topics/{topic}") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Rest.JsonV2);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }
}
