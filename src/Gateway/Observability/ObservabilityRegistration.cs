using Microsoft.Extensions.Options;
using Prometheus;

namespace Gateway.Observability;

internal static class ObservabilityRegistration
{
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservabilityOptions>().Bind(configuration.GetSection(ObservabilityOptions.Section));
        services.AddSingleton<GatewayMetrics>();
        return services;
    }

    /// <summary>
    /// Request metrics by route and status, and <c>/metrics</c> for Prometheus. Used before client security,
    /// so the 401, 403 and 429 answered there are counted too.
    /// </summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value.Metrics)
        {
            return app;
        }

        app.UseHttpMetrics();
        app.MapMetrics("/metrics");
        return app;
    }
}
