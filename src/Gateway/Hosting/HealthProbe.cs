namespace Gateway.Hosting;

/// <summary>
/// <c>Gateway.dll --health-check URL</c>: asks a running gateway (by default its liveness endpoint) and
/// exits 0 when it answers 200, for container health checks in images that have no curl.
/// </summary>
internal static class HealthProbe
{
    public const string Flag = "--health-check";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Flag;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : "http://127.0.0.1:8082/health/live";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
