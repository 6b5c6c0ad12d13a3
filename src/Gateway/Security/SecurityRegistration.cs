using System.Globalization;
using Gateway.Settings;
using Gateway.Topics;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Security;

internal static partial class SecurityRegistration
{
    private const string CorsPolicy = "configured-origins";

    public static IServiceCollection AddClientSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ClientSecurityOptions, ClientSecurityValidator>(configuration, ClientSecurityOptions.Section);
        services.AddSingleton<ClientAuthenticator>();
        services.AddSingleton<OperationsListener>();
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Singleton<ITopicCreation, CallerTopicCreation>());
        services.AddHostedService<SecurityAnnouncement>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<ClientSecurityOptions>>((cors, security) => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. security.Value.CorsOrigins])
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", "Accept", "Authorization", security.Value.ApiKeyHeader, "Idempotency-Key", "X-Gateway-Validation", "X-Gateway-Deadline-Ms")));
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

            LogModes(logger, security.ApiKeys.Count, security.SharedSecret.Enabled, security.Jwt.Enabled,
                security.RequestsPerSecond > 0 ? security.RequestsPerSecond.ToString(CultureInfo.InvariantCulture) : "unlimited");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(LogLevel.Warning, "NO CLIENT AUTHENTICATION: Security:AllowAnonymous is true, so anyone who reaches this port may produce to topics matching {Topics}. Configure API keys, the API Gateway shared secret or JWT before exposing it (docs/security.md).")]
        private static partial void LogAnonymous(ILogger logger, string topics);

        [LoggerMessage(LogLevel.Information, "Client security: {ApiKeys} API keys, shared secret {SharedSecret}, JWT {Jwt}, {Rate} requests/s per caller")]
        private static partial void LogModes(ILogger logger, int apiKeys, bool sharedSecret, bool jwt, string rate);
    }

    /// <summary>Topics are created on first produce only for callers allowed to (the anonymous one only with <c>Security:AnonymousMayCreateTopics</c>).</summary>
    private sealed class CallerTopicCreation(IHttpContextAccessor http) : ITopicCreation
    {
        public bool MayCreate(string topic) =>
            http.HttpContext?.Items[ClientSecurityMiddleware.CallerItem] is not Caller caller || caller.MayCreateTopics;
    }
}
