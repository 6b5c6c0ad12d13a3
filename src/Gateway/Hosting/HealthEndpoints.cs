using System.Text.RegularExpressions;
using Confluent.Kafka;
using Gateway.Http;
using Gateway.Kafka;
using Gateway.Kafka.Security;
using Gateway.Observability;
using Gateway.Security;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Hosting;

/// <summary>
/// <c>/health/live</c>: the process serves HTTP. <c>/health/ready</c>: Kafka answers metadata and, with
/// MSK IAM, the gateway holds a valid token; 503 otherwise, so a load balancer sends traffic elsewhere.
/// Both are open; why the gateway is not ready goes to the log, and into the answer only for callers with
/// credentials or on the management listener, never with an AWS access key id in it.
/// </summary>
internal static partial class HealthEndpoints
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

    private static async Task<KafkaJsonResult<HealthResponse>> ReadyAsync(
        HttpContext context, ClusterMetadata metadata, KafkaAuthStatus auth, [FromServices] IEnumerable<IReadinessCheck> checks, ILoggerFactory logs, IRecordProducer producer)
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

        problem ??= checks.Select(c => c.NotReadyBecause).FirstOrDefault(p => p is not null);
        if (problem is not null)
        {
            problem = AccessKeyId().Replace(problem, "(an AWS access key id)");
            LogNotReady(logs.CreateLogger("Gateway.Hosting.Health"), problem);
        }

        var status = problem is null ? "ready" : "not ready";
        var answer = ClientSecurityMiddleware.MayShowDetail(context)
            ? new HealthResponse(status) { Brokers = brokers, TokenExpiresAt = auth.UsesToken ? auth.TokenExpiresAt : null, Problem = problem }
            : new HealthResponse(status);
        return new(answer, KafkaRestJson.Context.HealthResponse, problem is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, MediaTypes.Json);
    }

    [LoggerMessage(LogLevel.Warning, "The gateway is not ready: {Problem}")]
    private static partial void LogNotReady(ILogger logger, string problem);

    /// <summary>AWS access key ids (long-term <c>AKIA</c>, temporary <c>ASIA</c>, and the other documented prefixes).</summary>
    [GeneratedRegex("\\b(AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|APKA|ABIA|ACCA)[A-Z0-9]{12,}\\b", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyId();
}
