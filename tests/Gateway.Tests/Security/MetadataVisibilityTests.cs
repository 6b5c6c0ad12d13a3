using Gateway.Tests.Support;
using static Gateway.Tests.Support.Credentials;

namespace Gateway.Tests.Security;

/// <summary>
/// Metadata shows a caller only the topics it may produce to or read; any other topic gets the answer an
/// unknown topic gets. Kafka's internal topics are never produced to.
/// </summary>
public sealed class MetadataVisibilityTests : IDisposable
{
    private const string WriterKey = "writer-key-0123456789abcdef0000";
    private const string ReaderKey = "reader-key-0123456789abcdef0000";
    private const string AdminKey = "admin-key-0123456789abcdef00000";
    private readonly string _mine = TestTopics.Fresh("pin");
    private readonly string _read = TestTopics.Fresh("geo");
    private readonly string _theirs = TestTopics.Fresh("user");
    private readonly GatewayFactory _factory;

    public MetadataVisibilityTests()
    {
        _factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Security:AllowAnonymous"] = "false",
            ["Security:ApiKeys:writer:Sha256"] = Sha256(WriterKey),
            ["Security:ApiKeys:writer:Topics:0"] = System.Text.RegularExpressions.Regex.Escape(_mine),
            ["Security:ApiKeys:reader:Sha256"] = Sha256(ReaderKey),
            ["Security:ApiKeys:reader:ReadTopics:0"] = System.Text.RegularExpressions.Regex.Escape(_read),
            ["Security:ApiKeys:admin:Sha256"] = Sha256(AdminKey),
            ["Security:ApiKeys:admin:Topics:0"] = ".*",
            ["Security:ApiKeys:admin:Admin"] = "true",
            ["Schemas:Bindings:mine:Topic"] = _mine,
            ["Schemas:Bindings:mine:Schema"] = "schemas/pinterest/pin.schema.json",
            ["Schemas:Bindings:theirs:Topic"] = _theirs,
            ["Schemas:Bindings:theirs:Schema"] = "schemas/pinterest/user.schema.json",
            ["Schemas:Bindings:any-geo:Pattern"] = "[0-9a-f]{12}\\.geo",
            ["Schemas:Bindings:any-geo:Schema"] = "schemas/pinterest/geo.schema.json",
        });
        foreach (var topic in new[] { _mine, _read, _theirs })
        {
            _factory.Cluster.CreateTopic(topic, 2, 1);
        }
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TopicList_ShowsOnlyTopicsTheCallerMayProduceToOrRead()
    {
        var client = _factory.CreateClient();

        var writer = await NamesAsync(await GetAsync(client, "/topics", ApiKey(WriterKey)));
        var reader = await NamesAsync(await GetAsync(client, "/topics", ApiKey(ReaderKey)));

        Assert.Contains(_mine, writer);
        Assert.DoesNotContain(_read, writer);
        Assert.DoesNotContain(_theirs, writer);
        Assert.Equal([_read], reader.Where(n => n == _read || n == _mine || n == _theirs));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/partitions")]
    [InlineData("/partitions/0")]
    public async Task AnotherTenantsTopic_AnswersAsAnUnknownTopic(string rest)
    {
        var client = _factory.CreateClient();

        var theirs = await Rest.AssertErrorAsync(await GetAsync(client, $"/topics/{_theirs}{rest}", ApiKey(WriterKey)), 404, 40403);
        var unknown = await Rest.AssertErrorAsync(await GetAsync(client, $"/topics/{TestTopics.Fresh()}{rest}", ApiKey(WriterKey)), 404, 40403);

        Assert.Equal(unknown, theirs);
        Assert.Equal(200, (int)(await GetAsync(client, $"/topics/{_mine}{rest}", ApiKey(WriterKey))).StatusCode);
        Assert.Equal(200, (int)(await GetAsync(client, $"/topics/{_read}{rest}", ApiKey(ReaderKey))).StatusCode);
    }

    [Fact]
    public async Task SchemaBindings_ShowOnlyTheCallersTopics_PatternsOnlyToAdmins()
    {
        var client = _factory.CreateClient();

        var writer = await BindingNamesAsync(await GetAsync(client, "/schemas", ApiKey(WriterKey)));
        var admin = await BindingNamesAsync(await GetAsync(client, "/schemas", ApiKey(AdminKey)));

        Assert.Equal(["mine"], writer);
        Assert.Equal(["any-geo", "mine", "theirs"], admin.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnotherTenantsSchema_AnswersAsAnUnboundTopic()
    {
        var client = _factory.CreateClient();
        var unbound = TestTopics.Fresh("pin");

        var theirs = await Rest.AssertErrorAsync(await GetAsync(client, $"/schemas/{_theirs}", ApiKey(WriterKey)), 404, 40401);
        var unknown = await Rest.AssertErrorAsync(await GetAsync(client, $"/schemas/{unbound}", ApiKey(AdminKey)), 404, 40401);

        Assert.Equal(unknown.Replace(unbound, _theirs, StringComparison.Ordinal), theirs);
        Assert.Equal(200, (int)(await GetAsync(client, $"/schemas/{_mine}", ApiKey(WriterKey))).StatusCode);
    }

    [Theory]
    [InlineData("__consumer_offsets")]
    [InlineData("__transaction_state")]
    [InlineData("__anything")]
    public async Task InternalTopics_AreNeverProducedTo_EvenByACallerAllowedEverything(string topic)
    {
        using var open = new GatewayFactory();
        var client = open.CreateClient();

        await Rest.AssertErrorAsync(await ProduceAsync(client, topic), 403, 40301);
        await Rest.AssertErrorAsync(await ProduceAsync(_factory.CreateClient(), topic, ApiKey(AdminKey)), 403, 40301);
    }

    private static async Task<string[]> NamesAsync(HttpResponseMessage response)
    {
        Assert.Equal(200, (int)response.StatusCode);
        return (await Rest.JsonAsync(response)).EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    private static async Task<string[]> BindingNamesAsync(HttpResponseMessage response)
    {
        Assert.Equal(200, (int)response.StatusCode);
        return (await Rest.JsonAsync(response)).GetProperty("bindings").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();
    }
}
