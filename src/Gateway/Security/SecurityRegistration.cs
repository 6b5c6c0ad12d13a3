using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Http;
using Gateway.Settings;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Security;

internal static partial class SecurityRegistration
{
    private const string CorsPolicy = "configured-origins";

    public static IServiceCollection AddClientSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ClientSecurityOptions, ClientSecurityValidator>(configuration, ClientSecurityOptions.Section);
        services.AddSingleton<ClientAuthenticator>();
        services.AddHostedService<SecurityAnnouncement>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<ClientSecurityOptions>>((cors, security) => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. security.Value.CorsOrigins])
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", "Accept", "Authorization", security.Value.ApiKeyHeader, "Idempotency-Key", "X-Gateway-Validation", "X-Gateway-Deadline-Ms")));
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var perSecond = context.RequestServices.GetRequiredService<IOptions<ClientSecurityOptions>>().Value.RequestsPerSecond;
                var caller = (context.Items[ClientSecurityMiddleware.CallerItem] as Caller)?.Name ?? "";
                return perSecond <= 0 || caller.Length == 0
                    ? RateLimitPartition.GetNoLimiter("")
                    : RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = perSecond,
                        TokensPerPeriod = perSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limiter.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 1;
                return new ValueTask(ErrorResult.WriteAsync(rejected.HttpContext.Response, ErrorCatalog.RateLimited(Math.Max(retryAfter, 1))));
            };
        });
        return services;
    }

    /// <summary>Security headers on everything; then who is calling, their rate, and what they may do.</summary>
    public static WebApplication UseClientSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        if (app.Services.GetRequiredService<IOptions<ClientSecurityOptions>>().Value.CorsOrigins.Count > 0)
        {
            app.UseCors(CorsPolicy);
        }

        app.UseMiddleware<ClientSecurityMiddleware>();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Says at start-up how callers are authenticated, loudly when anyone may call.</summary>
    private sealed partial class SecurityAnnouncement(IOptions<ClientSecurityOptions> options, ILogger<SecurityAnnouncement> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var security = options.Value;
            if (security.AllowAnonymous)
            {
                LogAnonymous(logger, string.Join(", ", security.EffectiveAnonymousTopics));
            }

            LogModes(logger, security.ApiKeys.Count, security.SharedSecret.EffectiveValue.Length > 0, security.Jwt.Enabled,
                security.RequestsPerSecond > 0 ? security.RequestsPerSecond.ToString(CultureInfo.InvariantCulture) : "unlimited");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(LogLevel.Warning, "NO CLIENT AUTHENTICATION: Security:AllowAnonymous is true, so anyone who reaches this port may produce to topics matching {Topics}. Configure API keys, the API Gateway shared secret or JWT before exposing it (docs/security.md).")]
        private static partial void LogAnonymous(ILogger logger, string topics);

        [LoggerMessage(LogLevel.Information, "Client security: {ApiKeys} API keys, shared secret {SharedSecret}, JWT {Jwt}, {Rate} requests/s per caller")]
        private static partial void LogModes(ILogger logger, int apiKeys, bool sharedSecret, bool jwt, string rate);
    }
}
