using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Support;

/// <summary>Requests to kafka-rest v3 endpoints and their answers.</summary>
internal static class RestV3
{
    public static string Records(string topic, string cluster = "any") => $"/v3/clusters/{cluster}/topics/{topic}/records";

    public static string Batch(string topic, string cluster = "any") => $"/v3/clusters/{cluster}/topics/{topic}/records:batch";

    public static Task<HttpResponseMessage> PostAsync(
        HttpClient client, string path, string body, string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    /// <summary>The streamed answer: one JSON object per line, separated by CR LF as kafka-rest separates them.</summary>
    public static async Task<IReadOnlyList<JsonElement>> LinesAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return [.. text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    public static int Code(JsonElement answer) => answer.GetProperty("error_code").GetInt32();

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}

/// <summary>A gateway with the shipped schema bindings and security defaults (anonymous callers on the Pinterest topics only).</summary>
public sealed class ShippedGateway : IDisposable
{
    public GatewayFactory Factory { get; } = new(Shipped());

    public void Dispose() => Factory.Dispose();

    public static Dictionary<string, string?> Shipped(IDictionary<string, string?>? more = null)
    {
        var settings = ShippedSettings.Section("Schemas");
        // These tests send arbitrary binary and string payloads to the pin topics to exercise v3's framing;
        // the shipped binding would hold them to the pin schema, as it does any binary payload.
        settings["Schemas:Bindings:pin:ValidateBinaryPayloads"] = "false";
        foreach (var (key, value) in ShippedSettings.Section("Security"))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
