using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Support;

internal static class Rest
{
    public const string JsonV2 = "application/vnd.kafka.json.v2+json";
    public const string BinaryV2 = "application/vnd.kafka.binary.v2+json";

    /// <summary>POSTs a body exactly as given, with exactly this Content-Type (or none).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? body, string? contentType = JsonV2, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return client.SendAsync(request);
    }

    /// <summary>
    /// Waits for <c>/health/ready</c> to answer 200 and returns that answer. A gateway just started may be
    /// not ready for a moment (its registry still reading its topic), never for long.
    /// </summary>
    public static async Task<HttpResponseMessage> ReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var ready = await client.GetAsync("/health/ready");
            if ((int)ready.StatusCode == 200 || DateTime.UtcNow > deadline)
            {
                Assert.True((int)ready.StatusCode == 200, $"not ready within 30 s: {(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}");
                return ready;
            }

            await Task.Delay(100);
        }
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Asserts kafka-rest's error envelope and returns its message.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, int status, int errorCode)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        Assert.Equal(errorCode, json.RootElement.GetProperty("error_code").GetInt32());
        var message = json.RootElement.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }
}
