using System.Text.Json;
using Confluent.Kafka;
using Gateway.Kafka;
using Gateway.Kafka.Security;
using Gateway.Produce;

namespace Gateway.Hosting;

/// <summary>
/// <c>/health/live</c>: the process serves HTTP. <c>/health/ready</c>: Kafka answers metadata and, with
/// MSK IAM, the gateway holds a valid token; 503 otherwise, so a load balancer sends traffic elsewhere.
/// </summary>
internal static class HealthEndpoints
{
    public static WebApplication MapHealth(this WebApplication app)
    {
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", () => Results.Text("""{"status":"live"}""", MediaTypes.Json))
            .WithSummary("The process is up");
        health.MapGet("/ready", ReadyAsync).WithSummary("Kafka answers and, with MSK IAM, the token is valid");
        return app;
    }

    private static async Task ReadyAsync(HttpContext context, ClusterMetadata metadata, KafkaAuthStatus auth)
    {
        string? problem = null;
        var brokers = 0;
        if (!auth.TokenValid)
        {
            problem = $"no valid MSK IAM token: {auth.LastFailure ?? "not set yet"}";
        }
        else
        {
            try
            {
                brokers = await metadata.CountBrokersAsync();
            }
            catch (KafkaException e)
            {
                problem = $"Kafka did not answer metadata: {e.Error.Reason}";
            }
        }

        context.Response.StatusCode = problem is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = MediaTypes.Json;
        await using var writer = new Utf8JsonWriter(context.Response.Body, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteString("status"u8, problem is null ? "ready" : "not ready");
        writer.WriteNumber("brokers"u8, brokers);
        if (auth.UsesToken && auth.TokenExpiresAt is { } expiry)
        {
            writer.WriteString("token_expires_at"u8, expiry);
        }

        if (problem is not null)
        {
            writer.WriteString("problem"u8, problem);
        }

        writer.WriteEndObject();
    }
}
