using System.Text;
using System.Text.Json;
using Gateway.Tests.Registry;
using Gateway.Tests.Support;

namespace Gateway.Tests.Produce.SchemaFormats;

/// <summary>
/// One gateway for the schema format tests, on its embedded registry and cluster: unbound topics take any format;
/// <c>&lt;hex&gt;.pin</c> is bound to the shipped pin schema file registered at start as subject <see cref="PinSubject"/>;
/// <c>&lt;hex&gt;.geo</c> to the geo file alone; <c>bound-&lt;hex&gt;</c> and <c>avro-&lt;hex&gt;</c> to the registry subjects
/// <see cref="BoundSubject"/> and <see cref="AvroSubject"/> alone.
/// </summary>
public sealed class SchemaFormatsGateway : IDisposable
{
    public const string PinSubject = "pinterest.pin-value";
    public const string BoundSubject = "bound-orders-value";
    public const string AvroSubject = "bound-avro-orders-value";

    public GatewayFactory Factory { get; } = new(RegistryRest.WithAdmin(new Dictionary<string, string?>
    {
        ["Schemas:Bindings:pin:Pattern"] = "[0-9a-f]{12}\\.pin",
        ["Schemas:Bindings:pin:Schema"] = "schemas/pinterest/pin.schema.json",
        ["Schemas:Bindings:pin:Subject"] = PinSubject,
        ["Schemas:Bindings:geo:Pattern"] = "[0-9a-f]{12}\\.geo",
        ["Schemas:Bindings:geo:Schema"] = "schemas/pinterest/geo.schema.json",
        ["Schemas:Bindings:bound:Pattern"] = "bound-[0-9a-f]{12}",
        ["Schemas:Bindings:bound:Subject"] = BoundSubject,
        ["Schemas:Bindings:avro:Pattern"] = "avro-[0-9a-f]{12}",
        ["Schemas:Bindings:avro:Subject"] = AvroSubject,
    }));

    public void Dispose() => Factory.Dispose();
}

/// <summary>Requests in the schema formats and what Confluent's serializers write.</summary>
internal static class SchemaRecords
{
    public const string AvroV2 = "application/vnd.kafka.avro.v2+json";
    public const string JsonSchemaV2 = "application/vnd.kafka.jsonschema.v2+json";
    public const string ProtobufV2 = "application/vnd.kafka.protobuf.v2+json";

    public const string Order = """{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"long"},{"name":"note","type":["null","string"],"default":null},{"name":"qty","type":"int","default":1}]}""";

    public static string Unbound() => $"sf-{Guid.NewGuid():N}";

    /// <summary>A JSON string holding <paramref name="text"/>, as a schema field carries a schema.</summary>
    public static string Quoted(string text) => JsonSerializer.Serialize(text);

    /// <summary>Confluent's header: magic byte 0, then the schema id big-endian.</summary>
    public static byte[] Header(int id) => [0, (byte)(id >> 24), (byte)(id >> 16), (byte)(id >> 8), (byte)id];

    public static byte[] Framed(int id, byte[] payload) => [.. Header(id), .. payload];

    public static byte[] Framed(int id, string json) => Framed(id, Encoding.UTF8.GetBytes(json));

    /// <summary>The ids of the v2 answer: <c>key_schema_id</c> and <c>value_schema_id</c>.</summary>
    public static async Task<(int? Key, int? Value, JsonElement Answer)> ProducedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, $"{(int)response.StatusCode}: {text}");
        var answer = JsonDocument.Parse(text).RootElement.Clone();
        foreach (var offset in answer.GetProperty("offsets").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Null, offset.GetProperty("error_code").ValueKind);
        }

        static int? Id(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();
        return (Id(answer.GetProperty("key_schema_id")), Id(answer.GetProperty("value_schema_id")), answer);
    }

    /// <summary>Waits (well within the limit) for a subject to have a version, as start-up registration gives it.</summary>
    public static async Task<JsonElement> LatestAsync(HttpClient client, string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.GetAsync($"/registry/subjects/{subject}/versions/latest");
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"subject {subject}: {(int)response.StatusCode} {text}");
                return JsonDocument.Parse(text).RootElement.Clone();
            }

            await Task.Delay(100);
        }
    }
}
