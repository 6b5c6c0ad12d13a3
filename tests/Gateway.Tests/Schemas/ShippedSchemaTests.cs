using System.Text.Json;
using Gateway.Tests.Support;

namespace Gateway.Tests.Schemas;

/// <summary>The shipped Pinterest bindings accept every real row and say exactly what is wrong with a bad one.</summary>
public sealed class ShippedSchemaTests : IClassFixture<ShippedSchemaTests.ShippedGateway>
{
    private readonly GatewayFactory _factory;
    private readonly HttpClient _client;

    public ShippedSchemaTests(ShippedGateway gateway)
    {
        _factory = gateway.Factory;
        _client = _factory.CreateClient();
    }

    [Theory]
    [InlineData("pin", false)]
    [InlineData("geo", false)]
    [InlineData("geo", true)]
    [InlineData("user", false)]
    [InlineData("user", true)]
    public async Task RealRows_InEitherDatetimeForm_AreAccepted(string table, bool spaceSeparatedDatetimes)
    {
        var topic = TestTopics.Fresh(table);
        var rows = PinterestRows.Lines(table)
            .Select(row => spaceSeparatedDatetimes ? SpaceDatetimes(row) : row)
            .ToArray();
        var body = "{\"records\": [" + string.Join(", ", rows.Select(r => $"{{\"value\": {r}}}")) + "]}";

        var response = await Rest.PostAsync(_client, $"/topics/{topic}", body);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(rows.Length, KafkaReader.ReadAll(_factory.BootstrapServers, topic).Count);
    }

    public static TheoryData<string, string, string, string, string> Mistakes => new()
    {
        // A user row keyed "index" as the pin table is: the unknown key and the missing "ind" are both named.
        { "user", """{"index": 7, "first_name": "A", "last_name": "B", "age": 30, "date_joined": "2016-10-23 14:06:51"}""", "/index", "additionalProperties", "index" },
        { "user", """{"index": 7, "first_name": "A", "last_name": "B", "age": 30, "date_joined": "2016-10-23 14:06:51"}""", "", "required", "ind" },
        { "pin", PinWith("\"follower_count\": \"124k\"", "\"follower_count\": 124000"), "/follower_count", "type", "expected string, found integer" },
        { "user", """{"ind": 7, "first_name": "A", "last_name": "B", "age": "30", "date_joined": "2016-10-23 14:06:51"}""", "/age", "type", "expected integer, found string" },
        { "geo", """{"ind": 7, "timestamp": "2020-04-27 13:34:16", "latitude": -5.3, "longitude": -177.9}""", "", "required", "country" },
        { "geo", """{"ind": 7, "timestamp": "27/04/2020 13:34", "latitude": -5.3, "longitude": -177.9, "country": "Armenia"}""", "/timestamp", "pattern", "27/04/2020" },
        { "geo", """{"ind": 7, "timestamp": "2020-04-27 13:34:16", "latitude": 95.5, "longitude": -177.9, "country": "Armenia"}""", "/latitude", "maximum", "95.5" },
        { "pin", PinWith("\"is_image_or_video\": \"image\"", "\"is_image_or_video\": \"gif\""), "/is_image_or_video", "enum", "image" },
        { "pin", "5", "", "type", "expected object, found integer" },
        { "pin", "\"a pin\"", "", "type", "expected object, found string" },
        { "pin", "null", "", "type", "found null" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task Mistake_IsRejectedWithRecordIndexPointerAndKeyword_NothingProduced(
        string table, string badValue, string jsonPointer, string keyword, string mentions)
    {
        var topic = TestTopics.Fresh(table);
        var good = PinterestRows.Lines(table)[0];
        var body = $$"""{"records": [{"value": {{good}}}, {"value": {{good}}}, {"value": {{badValue}}}]}""";

        var response = await Rest.PostAsync(_client, $"/topics/{topic}", body);
        var json = await Rest.JsonAsync(response);

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal(42210, json.GetProperty("error_code").GetInt32());
        Assert.Contains("1 of 3 records", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        var violation = Assert.Single(json.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("pointer").GetString() == jsonPointer && e.GetProperty("keyword").GetString() == keyword);
        Assert.Equal(2, violation.GetProperty("record").GetInt32());
        Assert.Contains(mentions, violation.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(KafkaReader.ReadAll(_factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task EveryErrorOfEveryRecord_IsReported_UpToTheLimit()
    {
        var bad = """{"value": {"ind": "x", "first_name": 1, "last_name": 2, "age": "3", "date_joined": 4}}""";
        var body = "{\"records\": [" + string.Join(", ", Enumerable.Repeat(bad, 30)) + "]}";

        var json = await Rest.JsonAsync(await Rest.PostAsync(_client, $"/topics/{TestTopics.Fresh("user")}", body));

        Assert.Contains("30 of 30 records", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        var errors = json.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal(100, errors.Length);
        Assert.Equal(5, errors.Count(e => e.GetProperty("record").GetInt32() == 0));
        Assert.Equal(19, errors.Max(e => e.GetProperty("record").GetInt32()));
    }

    [Fact]
    public async Task UnboundTopic_IsRefusedWith40401_AndNotCreated()
    {
        var topic = TestTopics.Fresh("clicks");

        var message = await Rest.AssertErrorAsync(
            await Rest.PostAsync(_client, $"/topics/{topic}", """{"records": [{"value": {"a": 1}}]}"""), 404, 40401);

        Assert.Contains("not bound to a schema", message, StringComparison.Ordinal);
        await Rest.AssertErrorAsync(await _client.GetAsync($"/topics/{topic}"), 404, 40403);
    }

    [Fact]
    public async Task SchemaOfTopic_IsServed_AndUnboundTopicHasNone()
    {
        var schema = await _client.GetAsync($"/schemas/{TestTopics.Fresh("geo")}");
        var json = JsonDocument.Parse(await schema.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(200, (int)schema.StatusCode);
        Assert.Contains("country", json.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        await Rest.AssertErrorAsync(await _client.GetAsync("/schemas/not-bound"), 404, 40401);
        var bindings = await Rest.JsonAsync(await _client.GetAsync("/schemas"));
        Assert.Equal(["geo", "pin", "user"], bindings.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task Swagger_ShowsEachBoundSchema()
    {
        var document = await Rest.JsonAsync(await _client.GetAsync("/swagger/v1/swagger.json"));
        var description = document.GetProperty("info").GetProperty("description").GetString()!;

        Assert.Contains("### pin: `[0-9a-f]{12}\\.pin`", description, StringComparison.Ordinal);
        Assert.Contains("\"follower_count\"", description, StringComparison.Ordinal);
        Assert.Contains("### user:", description, StringComparison.Ordinal);
    }

    private static string PinWith(string original, string replacement)
    {
        var row = PinterestRows.Lines("pin")[1];
        Assert.Contains(original, row, StringComparison.Ordinal);
        return row.Replace(original, replacement, StringComparison.Ordinal);
    }

    private static string SpaceDatetimes(string row) =>
        System.Text.RegularExpressions.Regex.Replace(row, "\"([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}:[0-9]{2}:[0-9]{2})\"", "\"$1 $2\"");

    public sealed class ShippedGateway : IDisposable
    {
        public GatewayFactory Factory { get; } = new(ShippedSettings.Section("Schemas"));

        public void Dispose() => Factory.Dispose();
    }
}
