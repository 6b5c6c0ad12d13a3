using System.Globalization;

namespace Gateway.Produce.V3;

/// <summary>A timestamp as kafka-rest writes one (Java's <c>Instant.toString</c> at millisecond precision): <c>2026-01-01T00:00:00.123Z</c>, no fraction when it is zero.</summary>
internal static class InstantText
{
    public static string? Of(DateTimeOffset? instant) => instant is not { } t
        ? null
        : t.UtcDateTime.ToString(t.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
