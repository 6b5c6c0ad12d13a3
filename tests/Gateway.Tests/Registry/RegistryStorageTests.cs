using System.Text;
using System.Text.Json;
using Gateway.Tests.Support;

namespace Gateway.Tests.Registry;

/// <summary>
/// What the registry writes to its topic (read back with an independent consumer, byte for byte in Confluent's
/// format), that ids survive a restart, and that instances sharing the topic agree.
/// </summary>
public sealed class RegistryStorageTests
{
    [Fact]
    public async Task Topic_HoldsConfluentsKeysAndValues_ByteForByte()
    {
        var topic = $"_schemas-{Guid.NewGuid():N}";
        using var cluster = RegistryRest.ClusterWithTopic(topic);
        using var gateway = RegistryRest.OnCluster(cluster.BootstrapServers, topic, RegistryRest.WithAdmin());
        var client = gateway.CreateClient();
        await RegistryRest.ReadyAsync(client);
        var user = RegistryRest.Avro("User", ["name"]);
        var address = "{\"type\":\"object\"}";
        var json = "{\"type\":\"object\",\"properties\":{\"café\":{\"$ref\":\"a.json\"}}}";

        await RegistryRest.RegisterAsync(client, "users-value", RegistryRest.Body(user));
        await RegistryRest.SendAsync(client, HttpMethod.Put, "/registry/config/users-value", "{\"compatibility\":\"FULL\"}", RegistryRest.AdminKey);
        await RegistryRest.SendAsync(client, HttpMethod.Put, "/registry/config", "{\"compatibility\":\"NONE\"}", RegistryRest.AdminKey);
        await RegistryRest.RegisterAsync(client, "address-value", RegistryRest.Body(address, "JSON"));
        await RegistryRest.RegisterAsync(client, "orders-value", RegistryRest.Body(json, "JSON", "[{\"name\":\"a.json\",\"subject\":\"address-value\",\"version\":1}]"));
        await RegistryRest.SendAsync(client, HttpMethod.Delete, "/registry/subjects/orders-value/versions/1", apiKey: RegistryRest.AdminKey);
        await RegistryRest.SendAsync(client, HttpMethod.Delete, "/registry/subjects/orders-value/versions/1?permanent=true", apiKey: RegistryRest.AdminKey);
        await RegistryRest.SendAsync(client, HttpMethod.Delete, "/registry/subjects/users-value", apiKey: RegistryRest.AdminKey);

        var records = KafkaReader.ReadAll(cluster.BootstrapServers, topic)
            .Select(r => (Key: Text(r.Key), Value: Text(r.Value))).ToArray();

        var escapedUser = user.Replace("\"", "\\\"", StringComparison.Ordinal);
        var escapedJson = json.Replace("\"", "\\\"", StringComparison.Ordinal);
        string?[][] expected =
        [
            ["{\"keytype\":\"SCHEMA\",\"subject\":\"users-value\",\"version\":1,\"magic\":1}", $"{{\"subject\":\"users-value\",\"version\":1,\"id\":1,\"schema\":\"{escapedUser}\",\"deleted\":false}}"],
            ["{\"keytype\":\"CONFIG\",\"subject\":\"users-value\",\"magic\":0}", "{\"subject\":\"users-value\",\"compatibilityLevel\":\"FULL\"}"],
            ["{\"keytype\":\"CONFIG\",\"magic\":0}", "{\"compatibilityLevel\":\"NONE\"}"],
            ["{\"keytype\":\"SCHEMA\",\"subject\":\"address-value\",\"version\":1,\"magic\":1}", "{\"subject\":\"address-value\",\"version\":1,\"id\":2,\"schemaType\":\"JSON\",\"schema\":\"{\\\"type\\\":\\\"object\\\"}\",\"deleted\":false}"],
            ["{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":1,\"magic\":1}",
                $"{{\"subject\":\"orders-value\",\"version\":1,\"id\":3,\"schemaType\":\"JSON\",\"references\":[{{\"name\":\"a.json\",\"subject\":\"address-value\",\"version\":1}}],\"schema\":\"{escapedJson}\",\"deleted\":false}}"],
            ["{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":1,\"magic\":1}",
                $"{{\"subject\":\"orders-value\",\"version\":1,\"id\":3,\"schemaType\":\"JSON\",\"references\":[{{\"name\":\"a.json\",\"subject\":\"address-value\",\"version\":1}}],\"schema\":\"{escapedJson}\",\"deleted\":true}}"],
            ["{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":1,\"magic\":1}", null],
            ["{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"users-value\",\"magic\":0}", "{\"subject\":\"users-value\",\"version\":1}"],
        ];
        Assert.Equal(expected.Select(e => (e[0], e[1])).ToArray(), records.Select(r => ((string?)r.Key, r.Value)).ToArray());
    }

    [Fact]
    public async Task Ids_SurviveARestart_AndNewOnesContinueAfterThem()
    {
        var topic = $"_schemas-{Guid.NewGuid():N}";
        using var cluster = RegistryRest.ClusterWithTopic(topic);
        string[] schemas = [RegistryRest.Body(RegistryRest.Avro("R0", ["a"])), RegistryRest.Body(RegistryRest.Avro("R1", ["a"])), RegistryRest.Body(RegistryRest.Avro("R1", ["a"], "b"))];
        int[] before;
        using (var first = RegistryRest.OnCluster(cluster.BootstrapServers, topic))
        {
            var client = first.CreateClient();
            await RegistryRest.ReadyAsync(client);
            before = [await RegistryRest.RegisterAsync(client, "a-value", schemas[0]), await RegistryRest.RegisterAsync(client, "b-value", schemas[1]), await RegistryRest.RegisterAsync(client, "b-value", schemas[2])];
        }

        using var second = RegistryRest.OnCluster(cluster.BootstrapServers, topic);
        var restarted = second.CreateClient();
        await RegistryRest.ReadyAsync(restarted);

        int[] after = [await RegistryRest.RegisterAsync(restarted, "a-value", schemas[0]), await RegistryRest.RegisterAsync(restarted, "b-value", schemas[1]), await RegistryRest.RegisterAsync(restarted, "b-value", schemas[2])];
        Assert.Equal(before, after);
        Assert.Equal(2, (await RegistryRest.GetJsonAsync(restarted, "/registry/subjects/b-value/versions/latest")).GetProperty("version").GetInt32());
        Assert.Equal(before.Max() + 1, await RegistryRest.RegisterAsync(restarted, "c-value", RegistryRest.Body(RegistryRest.Avro("New", ["a"]))));
    }

    [Fact]
    public async Task ThreeInstances_RegisteringConcurrently_GetUniqueIdsAndAgree()
    {
        var topic = $"_schemas-{Guid.NewGuid():N}";
        using var cluster = RegistryRest.ClusterWithTopic(topic);
        var gateways = Enumerable.Range(0, 3).Select(_ => RegistryRest.OnCluster(cluster.BootstrapServers, topic, RegistryRest.WithAdmin())).ToArray();
        try
        {
            var clients = gateways.Select(g => g.CreateClient()).ToArray();
            foreach (var client in clients)
            {
                await RegistryRest.ReadyAsync(client);
            }

            await RegistryRest.SendAsync(clients[0], HttpMethod.Put, "/registry/config", "{\"compatibility\":\"NONE\"}", RegistryRest.AdminKey);
            // 100 registrations of 30 distinct schemas into 7 subjects, from three instances at once: many identical.
            var work = Enumerable.Range(0, 100)
                .Select(i => (Client: clients[i % 3], Subject: $"s{i % 7}-value", Schema: RegistryRest.Avro($"T{i % 30}", ["a"])))
                .ToArray();
            var ids = await Task.WhenAll(work.Select(w => Task.Run(() => RegistryRest.RegisterAsync(w.Client, w.Subject, RegistryRest.Body(w.Schema)))));

            var idBySchema = work.Zip(ids).GroupBy(p => p.First.Schema).ToDictionary(g => g.Key, g => g.Select(p => p.Second).Distinct().ToArray());
            Assert.All(idBySchema.Values, found => Assert.Single(found));
            Assert.Equal(30, idBySchema.Values.Select(found => found[0]).Distinct().Count());
            var views = new List<string>();
            foreach (var client in clients)
            {
                views.Add((await RegistryRest.GetJsonAsync(client, "/registry/schemas")).GetRawText());
                foreach (var (schema, found) in idBySchema)
                {
                    Assert.Equal(schema, (await RegistryRest.GetJsonAsync(client, $"/registry/schemas/ids/{found[0]}")).GetProperty("schema").GetString());
                }
            }

            Assert.All(views, view => Assert.Equal(views[0], view));
            // Each subject holds each of its schemas once.
            foreach (var subject in work.Select(w => w.Subject).Distinct())
            {
                var versions = JsonDocument.Parse(views[0]).RootElement.EnumerateArray().Where(v => v.GetProperty("subject").GetString() == subject).ToArray();
                Assert.Equal(work.Where(w => w.Subject == subject).Select(w => w.Schema).Distinct().Count(), versions.Length);
            }
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                gateway.Dispose();
            }
        }
    }

    [Fact]
    public async Task TwoInstances_RegisteringInTurn_EachBuildsOnTheOthersWrites_WithoutConflictingRecords()
    {
        var topic = $"_schemas-{Guid.NewGuid():N}";
        using var cluster = RegistryRest.ClusterWithTopic(topic);
        using var first = RegistryRest.OnCluster(cluster.BootstrapServers, topic, RegistryRest.WithAdmin());
        using var second = RegistryRest.OnCluster(cluster.BootstrapServers, topic);
        HttpClient[] clients = [first.CreateClient(), second.CreateClient()];
        foreach (var client in clients)
        {
            await RegistryRest.ReadyAsync(client);
        }

        await RegistryRest.SendAsync(clients[0], HttpMethod.Put, "/registry/config/turns-value", "{\"compatibility\":\"NONE\"}", RegistryRest.AdminKey);
        for (var i = 1; i <= 20; i++)
        {
            // Each registration starts after the other instance's was answered, so it must see it and come after it.
            var client = clients[i % 2];
            var id = await RegistryRest.RegisterAsync(client, "turns-value", RegistryRest.Body(RegistryRest.Avro($"Turn{i}", ["a"])));
            Assert.Equal(i, id);
            var latest = await RegistryRest.GetJsonAsync(client, "/registry/subjects/turns-value/versions/latest");
            Assert.Equal((i, id), (latest.GetProperty("version").GetInt32(), latest.GetProperty("id").GetInt32()));
        }

        // The config record and one record per registration: no write lost to a concurrent one and none was restored.
        var records = KafkaReader.ReadAll(cluster.BootstrapServers, topic);
        Assert.Equal(21, records.Count);
        Assert.Equal(
            Enumerable.Range(1, 20).Select(v => $"{{\"keytype\":\"SCHEMA\",\"subject\":\"turns-value\",\"version\":{v},\"magic\":1}}"),
            records.Skip(1).Select(r => Text(r.Key)));
    }

    [Fact]
    public async Task OneInstance_ManyRegistrationsAtOnce_EachGetsItsOwnIdAndOneRecord()
    {
        var topic = $"_schemas-{Guid.NewGuid():N}";
        using var cluster = RegistryRest.ClusterWithTopic(topic);
        using var gateway = RegistryRest.OnCluster(cluster.BootstrapServers, topic);
        var client = gateway.CreateClient();
        await RegistryRest.ReadyAsync(client);

        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => RegistryRest.RegisterAsync(client, $"many-{i}-value", RegistryRest.Body(RegistryRest.Avro($"Many{i}", ["a"]))))));

        Assert.Equal(Enumerable.Range(1, 40), ids.Order());
        for (var i = 0; i < 40; i++)
        {
            var schema = await RegistryRest.GetJsonAsync(client, $"/registry/schemas/ids/{ids[i]}");
            Assert.Equal(RegistryRest.Avro($"Many{i}", ["a"]), schema.GetProperty("schema").GetString());
            var versions = await RegistryRest.GetJsonAsync(client, $"/registry/schemas/ids/{ids[i]}/versions");
            Assert.Equal($"[{{\"subject\":\"many-{i}-value\",\"version\":1}}]", versions.GetRawText());
        }

        Assert.Equal(40, KafkaReader.ReadAll(cluster.BootstrapServers, topic).Count);
    }

    private static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);
}
