using Gateway.Reliability;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Gateway.Observability;

internal static class ObservabilityRegistration
{
    private static readonly Gauge InFlightRecords = Metrics.CreateGauge(
        "gateway_inflight_records", "Records handed to Kafka and not yet acknowledged (admission control's count).");

    private static readonly Gauge InFlightBytes = Metrics.CreateGauge(
        "gateway_inflight_bytes", "Key and value bytes handed to Kafka and not yet acknowledged.");

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservabilityOptions>().Bind(configuration.GetSection(ObservabilityOptions.Section));
        services.AddSingleton<GatewayMetrics>();
        return services;
    }

    /// <summary>Request metrics by route and status, and <c>/metrics</c> for Prometheus.</summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value.Metrics)
        {
            return app;
        }

        var admission = app.Services.GetRequiredService<Admission>();
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
        {
            InFlightRecords.Set(admission.InFlightRecords);
            InFlightBytes.Set(admission.InFlightBytes);
        });
        app.UseHttpMetrics();
        app.MapMetrics("/metrics");
        return app;
    }
}
