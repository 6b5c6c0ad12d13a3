using System.Text.Json;
using Gateway.Tests.Support;

namespace Gateway.Tests.Consume;

/// <summary>kafka-rest's statuses, media types and error codes on every consumer endpoint.</summary>
[Collection(SharedGatewayGroup.Name)]
public sealed class ConsumeApiTests(SharedGateway gateway)
{
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    private static string Group() => $"g-{Guid.NewGuid():N}";

    [Fact]
    public async Task Create_WithoutBody_IsABinaryInstance_NamedAsKafkaRestNamesThem_WithItsBaseUri()
    {
        var group = Group();
        var response = await Rest.PostAsync(_client, $"/consumers/{group}", null, null);
        var json = await Rest.JsonAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(RestConsumer.V2, response.Content.Headers.ContentType!.MediaType);
        var name = json.GetProperty("instance_id").GetString()!;
        Assert.Matches("^rest-consumer-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", name);
        Assert.Equal($"http://localhost/consumers/{group}/instances/{name}", json.GetProperty("base_uri").GetString());
        Assert.Equal(["instance_id", "base_uri"], json.EnumerateObject().Select(p => p.Name));
        var consumer = new RestConsumer(_client, group, name);
        await Rest.AssertErrorAsync(await consumer.GetRecordsAsync(Rest.JsonV2), 406, 40601);
    }

    [Fact]
    public async Task Create_SameNameTwiceInAGroup_Is40902_AndInAnotherGroupIsFine()
    {
        var group = Group();
        await RestConsumer.CreateAsync(_client, group, """{"name":"reader"}""");

        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/consumers/{group}", """{"name":"reader"}""", RestConsumer.V2), 409, 40902);
        await RestConsumer.CreateAsync(_client, Group(), """{"name":"reader"}""");
    }

    [Fact]
    public async Task Create_DeprecatedIdOverridesName()
    {
        var consumer = await RestConsumer.CreateAsync(_client, Group(), """{"id":"by-id","name":"by-name"}""");

        Assert.Equal("by-id", consumer.Instance);
    }

    [Theory]
    [InlineData("""{"format":"xml"}""", 422, 422, "Invalid format type.")]
    [InlineData("""{"auto.offset.reset":"sometimes"}""", 422, 42204, "Invalid consumer configuration: Invalid value sometimes for configuration auto.offset.reset")]
    [InlineData("""{"auto.commit.enable":"maybe"}""", 422, 42204, "Invalid consumer configuration: Invalid value maybe for configuration enable.auto.commit")]
    [InlineData("""{"fetch.min.bytes":10000001}""", 422, 40001, "It does not abide by the constraints: Invalid value 10000001 for configuration fetch.min.bytes")]
    [InlineData("""{"responseMinBytes":-2}""", 422, 40001, "Value must be at least -1")]
    [InlineData("""{"format":"json","colour":"red"}""", 422, 422, "Unrecognized field: colour")]
    [InlineData("""{"fetch.min.bytes":"lots"}""", 400, 400, "fetch.min.bytes")]
    [InlineData("""{"name":""", 400, 400, "Unexpected")]
    public async Task Create_BadBody_IsKafkaRestsError(string body, int status, int code, string message)
    {
        var text = await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/consumers/{Group()}", body, RestConsumer.V2), status, code);

        Assert.Contains(message, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FormatsAreCaseInsensitive_AndSchemaFormatsAreCreated()
    {
        foreach (var format in new[] { "JSON", "Binary", "avro", "jsonschema", "PROTOBUF" })
        {
            await RestConsumer.CreateAsync(_client, Group(), $$"""{"format":"{{format}}"}""");
        }
    }

    [Fact]
    public async Task SchemaFormatInstance_RecordNotInTheWireFormat_Is40801NamingTheRecordAndTheMagicByte()
    {
        var topic = TestTopics.Fresh();
        gateway.Factory.Cluster.CreateTopic(topic, 1, 1);
        TestProducer.Produce(gateway.Factory.BootstrapServers, topic, 0, [7, 0, 0, 0, 1, 2]);
        var consumer = await RestConsumer.CreateAsync(_client, Group(), """{"format":"avro","auto.offset.reset":"earliest"}""");
        await consumer.AssignAsync(topic, 0);

        await Rest.AssertErrorAsync(await consumer.GetRecordsAsync(Rest.BinaryV2), 406, 40601);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpResponseMessage response;
        do
        {
            response = await consumer.GetRecordsAsync("application/vnd.kafka.avro.v2+json", "timeout=2000");
        }
        while ((int)response.StatusCode == 200 && DateTime.UtcNow < deadline);

        var message = await Rest.AssertErrorAsync(response, 408, 40801);
        Assert.Contains("magic byte", message, StringComparison.Ordinal);
        Assert.Contains($"topic {topic} partition 0 offset 0", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WrongContentType_Is415_AndJsonAndEmbeddedTypesAreAccepted()
    {
        await Rest.AssertErrorAsync(await Rest.PostAsync(_client, $"/consumers/{Group()}", """{"format":"json"}""", "text/plain"), 415, 415);
        foreach (var type in new[] { Rest.JsonV2, Rest.BinaryV2, "application/json", RestConsumer.V2 })
        {
            Assert.Equal(200, (int)(await Rest.PostAsync(_client, $"/consumers/{Group()}", """{"format":"json"}""", type)).StatusCode);
        }
    }

    [Fact]
    public async Task EveryInstanceEndpoint_OfAnUnknownInstance_Is40403()
    {
        var path = $"/consumers/{Group()}/instances/nobody";
        var partitions = """{"partitions":[{"topic":"t","partition":0}]}""";
        var requests = new Func<Task<HttpResponseMessage>>[]
        {
            () => _client.DeleteAsync(path),
            () => Rest.PostAsync(_client, path + "/subscription", """{"topics":["t"]}""", RestConsumer.V2),
            () => _client.GetAsync(path + "/subscription"),
            () => _client.DeleteAsync(path + "/subscription"),
            () => Rest.PostAsync(_client, path + "/assignments", partitions, RestConsumer.V2),
            () => _client.GetAsync(path + "/assignments"),
            () => Rest.PostAsync(_client, path + "/positions", """{"offsets":[]}""", RestConsumer.V2),
            () => Rest.PostAsync(_client, path + "/positions/beginning", partitions, RestConsumer.V2),
            () => Rest.PostAsync(_client, path + "/positions/end", partitions, RestConsumer.V2),
            () => _client.GetAsync(path + "/records"),
            () => Rest.PostAsync(_client, path + "/offsets", null, null),
            () => _client.GetAsync(path + "/offsets"),
        };

        foreach (var request in requests)
        {
            Assert.Equal("Consumer instance not found.", await Rest.AssertErrorAsync(await request(), 404, 40403));
        }
    }

    [Fact]
    public async Task Subscription_IsListed_ThenGone_AndMixingItWithAnAssignmentIs40903()
    {
        var topic = TestTopics.Fresh();
        var consumer = await RestConsumer.CreateAsync(_client, Group());

        await consumer.SubscribeAsync(topic);
        var listed = await consumer.GetJsonAsync("/subscription");
        var assign = await consumer.PostAsync("/assignments", $$"""{"partitions":[{"topic":"{{topic}}","partition":0}]}""");
        var pattern = await consumer.PostAsync("/subscription", """{"topic_pattern":".*"}""");
        Assert.Equal(204, (int)(await _client.DeleteAsync(consumer.Path + "/subscription")).StatusCode);
        var after = await consumer.GetJsonAsync("/subscription");

        Assert.Equal($$"""{"topics":["{{topic}}"]}""", listed.GetRawText());
        Assert.Contains("mutually exclusive", await Rest.AssertErrorAsync(assign, 409, 40903), StringComparison.Ordinal);
        Assert.Contains("mutually exclusive", await Rest.AssertErrorAsync(pattern, 409, 40903), StringComparison.Ordinal);
        Assert.Equal("""{"topics":[]}""", after.GetRawText());
    }

    [Fact]
    public async Task Subscription_BothTopicsAndPattern_TopicsWin_AndNeitherChangesNothing()
    {
        var topic = TestTopics.Fresh();
        var consumer = await RestConsumer.CreateAsync(_client, Group());

        Assert.Equal(204, (int)(await consumer.PostAsync("/subscription", "{}")).StatusCode);
        Assert.Equal(204, (int)(await consumer.PostAsync("/subscription", $$"""{"topics":["{{topic}}"],"topic_pattern":"x.*"}""")).StatusCode);

        Assert.Equal($$"""{"topics":["{{topic}}"]}""", (await consumer.GetJsonAsync("/subscription")).GetRawText());
    }

    [Fact]
    public async Task Assignments_AreListed_AndSeekingAPartitionNotAssignedIs40903()
    {
        var topic = TestTopics.Fresh();
        gateway.Factory.Cluster.CreateTopic(topic, 3, 1);
        var consumer = await RestConsumer.CreateAsync(_client, Group());

        await consumer.AssignAsync(topic, 2, 0);
        var listed = await consumer.GetJsonAsync("/assignments");
        var seek = await consumer.PostAsync("/positions", $$"""{"offsets":[{"topic":"{{topic}}","partition":1,"offset":0}]}""");
        var read = await _client.GetAsync(consumer.Path + "/records?timeout=10");

        Assert.Equal($$"""{"partitions":[{"topic":"{{topic}}","partition":0},{"topic":"{{topic}}","partition":2}]}""", listed.GetRawText());
        Assert.Equal($"Illegal state: No current assignment for partition {topic}-1", await Rest.AssertErrorAsync(seek, 409, 40903));
        Assert.Equal(200, (int)read.StatusCode);
    }

    [Fact]
    public async Task Read_BeforeSubscribingOrAssigning_Is40903()
    {
        var consumer = await RestConsumer.CreateAsync(_client, Group());

        var message = await Rest.AssertErrorAsync(await consumer.GetRecordsAsync(), 409, 40903);

        Assert.Contains("not subscribed to any topics or assigned any partitions", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_AcceptPicksTheFormat_AsKafkaRestWeighsIt()
    {
        var binary = await RestConsumer.CreateAsync(_client, Group(), """{"format":"binary"}""");
        var json = await RestConsumer.CreateAsync(_client, Group(), """{"format":"json"}""");
        var topic = TestTopics.Fresh();
        gateway.Factory.Cluster.CreateTopic(topic, 1, 1);
        await binary.AssignAsync(topic, 0);
        await json.AssignAsync(topic, 0);

        var v2 = await binary.GetRecordsAsync(RestConsumer.V2, "timeout=10");
        var any = await binary.GetRecordsAsync("*/*", "timeout=10");
        var jsonRead = await json.GetRecordsAsync(Rest.JsonV2 + ", application/vnd.kafka.v2+json;q=0.5", "timeout=10");

        Assert.Equal(RestConsumer.V2, v2.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Rest.BinaryV2, any.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Rest.JsonV2, jsonRead.Content.Headers.ContentType!.MediaType);
        await Rest.AssertErrorAsync(await json.GetRecordsAsync("*/*"), 406, 40601);
        await Rest.AssertErrorAsync(await json.GetRecordsAsync("text/csv"), 406, 406);
        await Rest.AssertErrorAsync(await binary.GetRecordsAsync(Rest.BinaryV2, "timeout=soon"), 400, 400);
    }

    [Fact]
    public async Task Offsets_GetWithoutBody_Is40402()
    {
        var consumer = await RestConsumer.CreateAsync(_client, Group());

        Assert.Equal("Partition not found.", await Rest.AssertErrorAsync(await consumer.GetWithBodyAsync("/offsets", null), 404, 40402));
    }

    [Fact]
    public async Task Subscribe_WithoutBody_Is422_AndAnIllegalTopicName400()
    {
        var consumer = await RestConsumer.CreateAsync(_client, Group());

        await Rest.AssertErrorAsync(await consumer.PostAsync("/subscription", null), 422, 422);
        await Rest.AssertErrorAsync(await consumer.PostAsync("/subscription", """{"topics":["no spaces"]}"""), 400, 40002);
        await Rest.AssertErrorAsync(await consumer.PostAsync("/subscription", """{"topic_pattern":"(unclosed"}"""), 400, 400);
    }

    [Fact]
    public async Task Delete_Is204_ThenTheInstanceIsGone()
    {
        var consumer = await RestConsumer.CreateAsync(_client, Group());

        await consumer.DeleteAsync();

        await Rest.AssertErrorAsync(await _client.DeleteAsync(consumer.Path), 404, 40403);
        await Rest.AssertErrorAsync(await consumer.GetRecordsAsync(), 404, 40403);
    }

    [Fact]
    public async Task SwaggerDocument_ListsTheConsumerEndpointsInOrder_WithExamples()
    {
        var document = JsonDocument.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var paths = document.GetProperty("paths");

        var create = paths.GetProperty("/consumers/{group}").GetProperty("post");
        var subscribe = paths.GetProperty("/consumers/{group}/instances/{instance}/subscription").GetProperty("post");
        Assert.StartsWith("1.", create.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2.", subscribe.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("3.", paths.GetProperty("/consumers/{group}/instances/{instance}/records").GetProperty("get").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("5.", paths.GetProperty("/consumers/{group}/instances/{instance}").GetProperty("delete").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("my-reader", create.GetProperty("requestBody").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("0a1b2c3d4e5f.user", subscribe.GetProperty("requestBody").GetRawText(), StringComparison.Ordinal);
    }
}
