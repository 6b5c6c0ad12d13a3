using Confluent.Kafka;
using Gateway.Http;
using Gateway.Kafka;
using Gateway.Kafka.Security;

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
        health.MapGet("/live", () => new KafkaJsonResult<HealthResponse>(new HealthResponse("live"), KafkaRestJson.Context.HealthResponse, contentType: MediaTypes.Json))
            .WithSummary("The process is up");
        health.MapGet("/ready", ReadyAsync).WithSummary("Kafka answers and, with MSK IAM, the token is valid")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable, MediaTypes.Json);
        return app;
    }

    private static async Task<KafkaJsonResult<HealthResponse>> ReadyAsync(ClusterMetadata metadata, KafkaAuthStatus auth, IRecordProducer producer)
    {
        string? problem = null;
        var brokers = 0;
        if (producer.Problem is { } producerProblem)
        {
            problem = producerProblem;
        }
        else if (!auth.TokenValid)
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

        var answer = new HealthResponse(problem is null ? "ready" : "not ready")
        {
            Brokers = brokers,
            TokenExpiresAt = auth.UsesToken ? auth.TokenExpiresAt : null,
            Problem = problem,
        };
        return new(answer, KafkaRestJson.Context.HealthResponse, problem is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, MediaTypes.Json);
    }
}
