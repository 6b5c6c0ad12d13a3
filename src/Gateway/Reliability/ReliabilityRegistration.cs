using Gateway.Settings;
using Prometheus;

namespace Gateway.Reliability;

internal static class ReliabilityRegistration
{
    private static readonly Gauge InFlightRecords = Metrics.CreateGauge(
        "gateway_inflight_records", "Records handed to Kafka and not yet acknowledged (admission control's count).");

    private static readonly Gauge InFlightBytes = Metrics.CreateGauge(
        "gateway_inflight_bytes", "Key and value bytes handed to Kafka and not yet acknowledged.");

    /// <summary>Admission control, idempotency keys and request deadlines, with the in-flight gauges.</summary>
    public static IServiceCollection AddReliability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ReliabilityOptions, ReliabilityOptionsValidator>(configuration, ReliabilityOptions.Section);
        services.AddSingleton(sp =>
        {
            var admission = ActivatorUtilities.CreateInstance<Admission>(sp);
            Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
            {
                InFlightRecords.Set(admission.InFlightRecords);
                InFlightBytes.Set(admission.InFlightBytes);
            });
            return admission;
        });
        services.AddSingleton<IdempotencyKeys>();
        return services;
    }
}
