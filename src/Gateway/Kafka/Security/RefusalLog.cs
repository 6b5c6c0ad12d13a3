using Confluent.Kafka;

namespace Gateway.Kafka.Security;

/// <summary>
/// Logs that Kafka refused an authorization, naming the operation and the permission, at most once per
/// interval, so a topic without a grant does not flood the log at the request rate.
/// </summary>
internal sealed partial class RefusalLog(ILogger<RefusalLog> logger, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private long _nextAt;

    public void Refused(Error error, string explanation)
    {
        var now = time.GetTimestamp();
        var next = Interlocked.Read(ref _nextAt);
        if (now < next || Interlocked.CompareExchange(ref _nextAt, now + (long)(Interval.TotalSeconds * time.TimestampFrequency), next) != next)
        {
            return;
        }

        LogRefused(logger, error.Code.ToString(), explanation);
    }

    [LoggerMessage(LogLevel.Error, "Kafka refused an authorization ({Code}).{Explanation}")]
    private static partial void LogRefused(ILogger logger, string code, string explanation);
}
