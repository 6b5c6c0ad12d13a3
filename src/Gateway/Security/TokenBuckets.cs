using System.Collections.Concurrent;

namespace Gateway.Security;

/// <summary>
/// Token buckets by key (a principal, an address), refilled from elapsed time when asked rather than by a
/// timer, so the wait a refusal names is the wait after which a token is there. Full buckets are the
/// default state and are dropped, so memory follows recent activity, not every key ever seen.
/// </summary>
internal sealed class TokenBuckets(double perSecond, TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes a token for <paramref name="key"/>; when there is none, how long until there is.</summary>
    public (bool Taken, TimeSpan RetryAfter) TryTake(string key)
    {
        var now = time.GetTimestamp();
        var bucket = _buckets.GetOrAdd(key, _ => new Bucket(perSecond, now));
        var result = bucket.TryTake(perSecond, now, time);
        if (_buckets.Count > PruneAbove)
        {
            Prune(now);
        }

        return result;
    }

    /// <summary>True when <paramref name="key"/> has a token left, without taking it.</summary>
    public bool HasToken(string key) => !_buckets.TryGetValue(key, out var bucket) || bucket.Tokens(perSecond, time.GetTimestamp(), time) >= 1;

    private void Prune(long now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.Tokens(perSecond, now, time) >= perSecond)
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private long _stamp = stamp;

        public (bool, TimeSpan) TryTake(double perSecond, long now, TimeProvider time)
        {
            lock (_lock)
            {
                Refill(perSecond, now, time);
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return (true, TimeSpan.Zero);
                }

                return (false, TimeSpan.FromSeconds((1 - _tokens) / perSecond));
            }
        }

        public double Tokens(double perSecond, long now, TimeProvider time)
        {
            lock (_lock)
            {
                Refill(perSecond, now, time);
                return _tokens;
            }
        }

        private void Refill(double perSecond, long now, TimeProvider time)
        {
            _tokens = Math.Min(perSecond, _tokens + (time.GetElapsedTime(_stamp, now).TotalSeconds * perSecond));
            _stamp = now;
        }
    }
}
