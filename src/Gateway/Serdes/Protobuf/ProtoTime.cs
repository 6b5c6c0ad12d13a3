using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Serdes;

/// <summary>google.protobuf.Timestamp and Duration in their JSON forms, as Java's <c>Timestamps</c> and <c>Durations</c> write them.</summary>
internal static partial class ProtoTime
{
    public const long MinTimestampSeconds = -62135596800;
    public const long MaxTimestampSeconds = 253402300799;
    public const long MaxDurationSeconds = 315576000000;

    public static (long Seconds, int Nanos)? ParseTimestamp(string text)
    {
        var match = TimestampPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        int Part(int group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);
        DateTime local;
        try
        {
            local = new DateTime(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), DateTimeKind.Unspecified);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }

        var offset = match.Groups[8].Value is "Z" or "z" ? TimeSpan.Zero
            : TimeSpan.FromMinutes((match.Groups[8].Value[0] == '-' ? -1 : 1) * (int.Parse(match.Groups[8].ValueSpan[1..3], CultureInfo.InvariantCulture) * 60
                + int.Parse(match.Groups[8].ValueSpan[4..6], CultureInfo.InvariantCulture)));
        var seconds = (long)(local - DateTime.UnixEpoch).TotalSeconds - (long)offset.TotalSeconds;
        var nanos = Nanos(match.Groups[7].Value);
        return seconds is < MinTimestampSeconds or > MaxTimestampSeconds ? null : (seconds, nanos);
    }

    public static (long Seconds, int Nanos)? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxDurationSeconds)
        {
            return null;
        }

        var nanos = Nanos(match.Groups[3].Value);
        return match.Groups[1].Success ? (-seconds, -nanos) : (seconds, nanos);
    }

    public static string? TimestampText(long seconds, long nanos)
    {
        if (seconds is < MinTimestampSeconds or > MaxTimestampSeconds || nanos is < 0 or > 999_999_999)
        {
            return null;
        }

        var text = new StringBuilder(DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        return AppendNanos(text, (int)nanos).Append('Z').ToString();
    }

    public static string? DurationText(long seconds, long nanos)
    {
        if (Math.Abs(seconds) > MaxDurationSeconds || Math.Abs(nanos) > 999_999_999 || (seconds < 0 && nanos > 0) || (seconds > 0 && nanos < 0))
        {
            return null;
        }

        var text = new StringBuilder();
        if (seconds < 0 || nanos < 0)
        {
            text.Append('-');
        }

        text.Append(Math.Abs(seconds).ToString(CultureInfo.InvariantCulture));
        return AppendNanos(text, (int)Math.Abs(nanos)).Append('s').ToString();
    }

    // Java writes 0, 3, 6 or 9 fraction digits, the fewest that hold the nanoseconds.
    private static StringBuilder AppendNanos(StringBuilder text, int nanos)
    {
        if (nanos == 0)
        {
            return text;
        }

        var digits = nanos.ToString("D9", CultureInfo.InvariantCulture);
        var length = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        return text.Append('.').Append(digits, 0, length);
    }

    private static int Nanos(string fraction) =>
        fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(9, '0'), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^(-)?(\d+)(?:\.(\d{1,9}))?s$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
