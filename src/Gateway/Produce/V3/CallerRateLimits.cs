using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.Produce.V3;

/// <summary>
/// kafka-rest's v3 produce limits (<c>api.v3.produce.rate.limit.*</c>: one permit per record, and the
/// record's size in bytes), kept per caller rather than per cluster id. Checked per record, count first;
/// a refused record is not produced.
/// </summary>
internal sealed class CallerRateLimits(IOptions<ProduceV3Options> options) : IDisposable
{
    private const int MaxCallers = 10_000;
    private readonly ProduceV3Options _options = options.Value;
    private readonly ConcurrentDictionary<string, (RateLimiter Records, RateLimiter Bytes)> _callers = new(StringComparer.Ordinal);

    /// <summary>Null when the record may go; otherwise how long to wait before sending it again (ms).</summary>
    public int? TryAcquire(string caller, int bytes)
    {
        if (!_options.RateLimitEnabled)
        {
            return null;
        }

        if (_callers.Count > MaxCallers && !_callers.ContainsKey(caller))
        {
            Clear();
        }

        var (records, bytesLimiter) = _callers.GetOrAdd(caller, _ => (Bucket(_options.RecordsPerSecond), Bucket(_options.BytesPerSecond)));
        using var record = records.AttemptAcquire(1);
        if (!record.IsAcquired)
        {
            return RetryAfterMs(record);
        }

        // A record larger than a whole second's allowance needs the whole bucket, not more than it holds.
        using var size = bytesLimiter.AttemptAcquire(Math.Clamp(bytes, 0, _options.BytesPerSecond));
        return size.IsAcquired ? null : RetryAfterMs(size);
    }

    public void Dispose() => Clear();

    private void Clear()
    {
        foreach (var (records, bytes) in _callers.Values)
        {
            records.Dispose();
            bytes.Dispose();
        }

        _callers.Clear();
    }

    private static int RetryAfterMs(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalMilliseconds)) : 1_000;

    private static TokenBucketRateLimiter Bucket(int perSecond) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = perSecond,
        TokensPerPeriod = Math.Max(1, perSecond / 10),
        ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
        QueueLimit = 0,
        AutoReplenishment = true,
    });
}
