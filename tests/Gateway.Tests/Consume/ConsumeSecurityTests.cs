using Gateway.Tests.Support;

namespace Gateway.Tests.Consume;

/// <summary>Who may read what: read permission per topic, separate from produce; an instance answers only its creator; base_uri is the public address.</summary>
public sealed class ConsumeSecurityTests : IDisposable
{
    private const string ReaderKey = "reader-key-0123456789abcdef";
    private const string OtherKey = "other-key-0123456789abcdefgh";
    private const string WriterKey = "writer-key-0123456789abcdef";

    private readonly GatewayFactory _factory = new(new Dictionary<string, string?>(Credentials.Jwt)
    {
        ["Security:AllowAnonymous"] = "false",
        ["Security:ApiKeys:reader:Sha256"] = Credentials.Sha256(ReaderKey),
        ["Security:ApiKeys:reader:ReadTopics:0"] = "[0-9a-f]{12}\\.pin",
        ["Security:ApiKeys:other:Sha256"] = Credentials.Sha256(OtherKey),
        ["Security:ApiKeys:other:ReadTopics:0"] = ".*",
        ["Security:ApiKeys:writer:Sha256"] = Credentials.Sha256(WriterKey),
        ["Security:ApiKeys:writer:Topics:0"] = ".*",
    });

    public void Dispose() => _factory.Dispose();

    private HttpClient Client(string key)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    [Fact]
    public async Task Instance_OfAnotherCaller_Is40403_ForEveryRequest()
    {
        var mine = await RestConsumer.CreateAsync(Client(ReaderKey), "shared-group");
        var theirs = new RestConsumer(Client(OtherKey), mine.Group, mine.Instance);

        await Rest.AssertErrorAsync(await theirs.GetRecordsAsync(), 404, 40403);
        await Rest.AssertErrorAsync(await theirs.Client.DeleteAsync(theirs.Path), 404, 40403);
        await Rest.AssertErrorAsync(await theirs.PostAsync("/subscription", """{"topics":["0a1b2c3d4e5f.pin"]}"""), 404, 40403);
        await mine.SubscribeAsync(TestTopics.Fresh("pin"));
    }

    [Fact]
    public async Task Subscribe_ToATopicTheCallerMayNotRead_Is40301_AndProducePermissionIsNotReadPermission()
    {
        var reader = await RestConsumer.CreateAsync(Client(ReaderKey), "g");
        var writer = await RestConsumer.CreateAsync(Client(WriterKey), "g");

        var message = await Rest.AssertErrorAsync(await reader.PostAsync("/subscription", """{"topics":["0a1b2c3d4e5f.pin","0a1b2c3d4e5f.user"]}"""), 403, 40301);
        await Rest.AssertErrorAsync(await reader.PostAsync("/assignments", """{"partitions":[{"topic":"0a1b2c3d4e5f.user","partition":0}]}"""), 403, 40301);
        await Rest.AssertErrorAsync(await reader.PostAsync("/offsets", """{"offsets":[{"topic":"0a1b2c3d4e5f.user","partition":0,"offset":1}]}"""), 403, 40301);
        await Rest.AssertErrorAsync(await writer.PostAsync("/subscription", """{"topics":["0a1b2c3d4e5f.pin"]}"""), 403, 40301);

        Assert.Contains("read topic 0a1b2c3d4e5f.user", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_ReadTopicsClaim_GrantsReadingByGlob_AndItsSubjectOwnsTheInstance()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Credentials.Token(new Dictionary<string, object> { ["sub"] = "dashboard", ["read_topics"] = "*.pin" }));
        var consumer = await RestConsumer.CreateAsync(client, "g");

        await consumer.SubscribeAsync("0a1b2c3d4e5f.pin");
        await Rest.AssertErrorAsync(await consumer.PostAsync("/subscription", """{"topics":["0a1b2c3d4e5f.user"]}"""), 403, 40301);
        await Rest.AssertErrorAsync(await new RestConsumer(Client(OtherKey), consumer.Group, consumer.Instance).GetRecordsAsync(), 404, 40403);
    }

    [Fact]
    public async Task TopicPattern_CoversOnlyTopicsTheCallerMayRead()
    {
        var readable = TestTopics.Fresh("pin");
        var forbidden = readable.Replace(".pin", ".user", StringComparison.Ordinal);
        _factory.Cluster.CreateTopic(readable, 1, 1);
        _factory.Cluster.CreateTopic(forbidden, 1, 1);
        var prefix = readable[..12];
        var reader = await RestConsumer.CreateAsync(Client(ReaderKey), "g");

        Assert.Equal(204, (int)(await reader.PostAsync("/subscription", $$"""{"topic_pattern":"{{prefix}}\\..*"}""")).StatusCode);
        var subscription = await reader.GetJsonAsync("/subscription");

        Assert.Equal($$"""{"topics":["{{readable}}"]}""", subscription.GetRawText());
    }

    [Fact]
    public async Task NoCredentials_Is401()
    {
        await Rest.AssertErrorAsync(await Rest.PostAsync(_factory.CreateClient(), "/consumers/g", null, null), 401, 401);
    }

    [Fact]
    public async Task BaseUri_IsTheRequestsHost_AndForwardedHeadersOnlyFromTrustedProxies()
    {
        var client = Client(ReaderKey);
        var request = new HttpRequestMessage(HttpMethod.Post, "/consumers/g") { Content = new StringContent("") };
        request.Headers.Host = "api.example.com:8443";
        request.Headers.Add("X-Forwarded-Host", "evil.example.net");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var json = await Rest.JsonAsync(await client.SendAsync(request));

        Assert.StartsWith("http://api.example.com:8443/consumers/g/instances/rest-consumer-", json.GetProperty("base_uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaseUri_IsThePublicBaseUrl_WhenSet_NeverThePeerAddress()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["PublicUrl:BaseUrl"] = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/",
            ["Cluster:AdvertisedUrl"] = "http://10.0.1.5:8082",
        });

        var json = await Rest.JsonAsync(await Rest.PostAsync(factory.CreateClient(), "/consumers/my%20group", """{"name":"r1"}""", RestConsumer.V2));

        Assert.Equal("https://abc123.execute-api.eu-west-1.amazonaws.com/prod/consumers/my%20group/instances/r1", json.GetProperty("base_uri").GetString());
    }

    [Fact]
    public async Task BaseUri_FromATrustedProxy_FollowsItsForwardedHeaders()
    {
        // The in-memory test server has no remote address; 127.0.0.1 is what a local proxy would be.
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["PublicUrl:TrustedProxies:0"] = "127.0.0.0/8" });
        using var server = await GatewayProcess.StartAsync(factory.BootstrapServers, new Dictionary<string, string>
        {
            ["PublicUrl__TrustedProxies__0"] = "127.0.0.0/8",
            ["Security__AllowAnonymous"] = "true",
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/consumers/g") { Content = new StringContent("") };
        request.Headers.Add("X-Forwarded-Host", "public.example.com");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Prefix", "/kafka");

        var json = await Rest.JsonAsync(await server.Client.SendAsync(request));

        Assert.StartsWith("https://public.example.com/kafka/consumers/g/instances/", json.GetProperty("base_uri").GetString(), StringComparison.Ordinal);
    }

}
