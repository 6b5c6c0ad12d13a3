using Prometheus;

namespace Gateway.Observability;

/// <summary>The schema registry's series: registrations, lookups and refusals; every label takes a fixed set of values.</summary>
internal static class RegistryMetrics
{
    private static readonly Counter Registrations = Metrics.CreateCounter(
        "gateway_registry_registrations_total", "Schema registrations: created a version, or found the schema already registered.", "outcome");

    private static readonly Counter Lookups = Metrics.CreateCounter(
        "gateway_registry_lookups_total", "Schema reads answered, by what was looked up.", "kind");

    private static readonly Counter Refusals = Metrics.CreateCounter(
        "gateway_registry_refusals_total", "Registry requests refused, by Confluent error code.", "error_code");

    private static readonly Counter Conflicts = Metrics.CreateCounter(
        "gateway_registry_write_conflicts_total", "Registrations that lost to a concurrent write of another instance and were tried again.");

    public static void Registered(bool created) => Registrations.WithLabels(created ? "created" : "existing").Inc();

    /// <summary>One read; <paramref name="kind"/> is one of id, version, latest, lookup, list, config.</summary>
    public static void LookedUp(string kind) => Lookups.WithLabels(kind).Inc();

    public static void Refused(int errorCode) => Refusals.WithLabels(errorCode is >= 400 and < 60_000 ? errorCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "other").Inc();

    public static void Conflicted() => Conflicts.Inc();
}
