using Gateway.Tests.Support;

namespace Gateway.Tests.Produce;

/// <summary>Content-Type picks the embedded format and Accept must allow a kafka-rest v2 answer.</summary>
[Collection(SharedGatewayGroup.Name)]
public sealed class ContentNegotiationTests(SharedGateway gateway)
{
    private const string Body = """{"records":[{"value":"aGk="}]}""";
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    [Theory]
    [InlineData("application/vnd.kafka.json.v2+json", "\"aGk=\"")]
    [InlineData("application/vnd.kafka.json.v2+json; charset=utf-8", "\"aGk=\"")]
    [InlineData("APPLICATION/VND.KAFKA.JSON.V2+JSON", "\"aGk=\"")]
    [InlineData("application/json", "\"aGk=\"")]
    [InlineData("application/vnd.kafka.binary.v2+json", "hi")]
    public async Task SupportedContentType_ChoosesFormat(string contentType, string stored)
    {
        var topic = TestTopics.Fresh();
        var response = await Rest.PostAsync(_client, $"/topics/{topic}", Body, contentType);

        Assert.Equal(200, (int)response.StatusCode);
        var record = Assert.Single(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
        Assert.Equal(stored, System.Text.Encoding.UTF8.GetString(record.Value!));
    }

    [Theory]
    [InlineData("text/plain", "415")]
    [InlineData("application/octet-stream", "415")]
    [InlineData("application/x-www-form-urlencoded", "415")]
    public async Task UnsupportedContentType_Is415(string contentType, string mentions)
    {
        var topic = TestTopics.Fresh();
        var message = await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}", Body, contentType), 415, 415);

        Assert.Contains(mentions, message, StringComparison.Ordinal);
        Assert.Empty(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
    }

    [Theory]
    [InlineData("application/vnd.kafka.avro.v2+json")]
    [InlineData("application/vnd.kafka.jsonschema.v2+json")]
    [InlineData("application/vnd.kafka.protobuf.v2+json")]
    public async Task SchemaFormat_IsAccepted_AndValuesWithoutAValueSchemaAre42202(string contentType)
    {
        var topic = TestTopics.Fresh();

        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}", Body, contentType), 422, 42202);
        Assert.Empty(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
    }

    [Fact]
    public async Task MissingContentType_Is415()
    {
        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{TestTopics.Fresh()}", Body, contentType: null), 415, 415);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/vnd.kafka.v2+json")]
    [InlineData("application/vnd.kafka+json")]
    [InlineData("application/json")]
    [InlineData("application/vnd.kafka.v2+json, application/vnd.kafka+json, application/json")]
    [InlineData("text/html, application/*;q=0.5")]
    public async Task AcceptableAccept_Is200WithKafkaV2ContentType(string? accept)
    {
        var response = await Rest.PostAsync(_client, $"/topics/{TestTopics.Fresh()}", Body, accept: accept);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/vnd.kafka.v2+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json;q=0")]
    public async Task UnacceptableAccept_Is406_NothingProduced(string accept)
    {
        var topic = TestTopics.Fresh();
        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/topics/{topic}", Body, accept: accept), 406, 406);
        Assert.Empty(KafkaReader.ReadAll(gateway.Factory.BootstrapServers, topic));
    }
}
