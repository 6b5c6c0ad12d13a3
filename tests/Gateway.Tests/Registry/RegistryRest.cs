using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Kafka.Embedded;
using Gateway.Tests.Support;

namespace Gateway.Tests.Registry;

/// <summary>Requests to the registry API as Confluent's clients send them, and the schemas tests register.</summary>
internal static class RegistryRest
{
    public const string V1 = "application/vnd.schemaregistry.v1+json";
    public const string AdminKey = "registry-admin-key-0123456789";

    /// <summary>Settings for an API key that may do everything in the registry (anonymous may only read and register).</summary>
    public static Dictionary<string, string?> WithAdmin(Dictionary<string, string?>? settings = null)
    {
        var all = settings ?? [];
        all["Security:ApiKeys:registry-admin:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminKey)));
        foreach (var grant in new[] { "Read", "Register", "Configure", "Delete" })
        {
            all[$"Security:ApiKeys:registry-admin:Subjects:{grant}:0"] = ".*";
        }

        return all;
    }

    /// <summary>A fresh subject name, so tests sharing a registry never meet.</summary>
    public static string Subject(string suffix = "value") => $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}-{suffix}";

    /// <summary>An Avro record schema text with string fields, plus optional fields with defaults.</summary>
    public static string Avro(string name, string[] fields, params string[] optional)
    {
        var all = fields.Select(f => $"{{\"name\":\"{f}\",\"type\":\"string\"}}")
            .Concat(optional.Select(f => $"{{\"name\":\"{f}\",\"type\":\"string\",\"default\":\"\"}}"));
        return $"{{\"type\":\"record\",\"name\":\"{name}\",\"fields\":[{string.Join(",", all)}]}}";
    }

    /// <summary>A register or lookup body: <c>{"schema":..}</c> with <c>schemaType</c> and <c>references</c> when given.</summary>
    public static string Body(string schema, string? type = null, string? references = null)
    {
        var body = new StringBuilder("{\"schema\":").Append(JsonSerializer.Serialize(schema));
        if (type is not null)
        {
            body.Append(",\"schemaType\":\"").Append(type).Append('"');
        }

        if (references is not null)
        {
            body.Append(",\"references\":").Append(references);
        }

        return body.Append('}').ToString();
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(V1);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>Registers and answers the id, failing the test on any other answer.</summary>
    public static async Task<int> RegisterAsync(HttpClient client, string subject, string body)
    {
        var response = await SendAsync(client, HttpMethod.Post, $"/registry/subjects/{subject}/versions", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"register under {subject}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A cluster of its own with a registry topic on it, as an operator would create it (the embedded cluster answers no admin requests).</summary>
    internal static EmbeddedKafkaCluster ClusterWithTopic(string topic)
    {
        var cluster = new EmbeddedKafkaCluster(3);
        cluster.CreateTopic(topic, 1, 3);
        return cluster;
    }

    /// <summary>A gateway in memory on another cluster (one that outlives it), storing the registry in <paramref name="topic"/>.</summary>
    public static GatewayFactory OnCluster(string bootstrapServers, string topic, Dictionary<string, string?>? settings = null)
    {
        var all = settings ?? [];
        all["Kafka:BootstrapServers"] = bootstrapServers;
        all["Registry:Topic"] = topic;
        return new GatewayFactory(all);
    }

    /// <summary>Waits for /health/ready: the registry has read its topic.</summary>
    public static Task ReadyAsync(HttpClient client) => Rest.ReadyAsync(client);
}
