using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Support;

/// <summary>A client of the v2 consumer API, as a script or dashboard would drive it.</summary>
internal sealed class RestConsumer(HttpClient client, string group, string instance)
{
    public const string V2 = "application/vnd.kafka.v2+json";

    public string Group { get; } = group;

    public string Instance { get; } = instance;

    public string Path => $"/consumers/{Group}/instances/{Instance}";

    public HttpClient Client { get; } = client;

    public static async Task<RestConsumer> CreateAsync(HttpClient client, string group, string body = """{"format":"binary","auto.offset.reset":"earliest"}""")
    {
        var response = await Rest.PostAsync(client, $"/consumers/{group}", body, V2);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, $"create answered {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return new RestConsumer(client, group, json.RootElement.GetProperty("instance_id").GetString()!);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string? body) => Rest.PostAsync(Client, Path + path, body, V2);

    public async Task SubscribeAsync(params string[] topics)
    {
        var response = await PostAsync("/subscription", JsonSerializer.Serialize(new { topics }));
        Assert.True((int)response.StatusCode == 204, await response.Content.ReadAsStringAsync());
    }

    public async Task AssignAsync(string topic, params int[] partitions)
    {
        var body = JsonSerializer.Serialize(new { partitions = partitions.Select(p => new { topic, partition = p }) });
        var response = await PostAsync("/assignments", body);
        Assert.True((int)response.StatusCode == 204, await response.Content.ReadAsStringAsync());
    }

    public async Task SeekAsync(string topic, int partition, long offset)
    {
        var response = await PostAsync("/positions", $$"""{"offsets":[{"topic":"{{topic}}","partition":{{partition}},"offset":{{offset}}}]}""");
        Assert.True((int)response.StatusCode == 204, await response.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> GetRecordsAsync(string accept = Rest.BinaryV2, string query = "timeout=1000")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Path}/records?{query}");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return Client.SendAsync(request);
    }

    /// <summary>One read's records; fails on any status but 200.</summary>
    public async Task<JsonElement[]> ReadAsync(string accept = Rest.BinaryV2, string query = "timeout=1000")
    {
        var response = await GetRecordsAsync(accept, query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, $"read answered {(int)response.StatusCode}: {text}");
        return [.. JsonDocument.Parse(text).RootElement.Clone().EnumerateArray()];
    }

    /// <summary>Reads until at least <paramref name="count"/> records came, or 30 s passed.</summary>
    public async Task<List<JsonElement>> ReadAtLeastAsync(int count, string accept = Rest.BinaryV2, string query = "timeout=1000")
    {
        var records = new List<JsonElement>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (records.Count < count && DateTime.UtcNow < deadline)
        {
            records.AddRange(await ReadAsync(accept, query));
        }

        Assert.True(records.Count >= count, $"read {records.Count} of {count} records within 30 s");
        return records;
    }

    /// <summary>kafka-rest's GET with a body.</summary>
    public Task<HttpResponseMessage> GetWithBodyAsync(string path, string? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path + path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(V2);
        }

        return Client.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Client.GetAsync(Path + path);
        Assert.Equal(200, (int)response.StatusCode);
        return await Rest.JsonAsync(response);
    }

    public async Task DeleteAsync() => Assert.Equal(204, (int)(await Client.DeleteAsync(Path)).StatusCode);
}
