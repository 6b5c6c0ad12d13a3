using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Gateway.Reliability;

/// <summary>
/// Answers remembered by <c>Idempotency-Key</c> (per instance): a retry with the same key and the same
/// request gets the first answer and produces nothing new; a concurrent duplicate waits for the first.
/// </summary>
internal sealed class IdempotencyKeys(IOptions<ReliabilityOptions> options, TimeProvider time) : IDisposable
{
    public const string Header = "Idempotency-Key";

    /// <summary>Longest key accepted, as the IETF Idempotency-Key draft's common practice.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>Why a key is not usable, or null.</summary>
    public static string? Problem(string key) =>
        key.Length is 0 or > MaxKeyLength ? $"it must be 1 to {MaxKeyLength} characters; this one has {key.Length}" : null;

    /// <summary>
    /// A request's identity under its key: topic, path partition, embedded format, validation mode and the
    /// body's bytes. The same bytes as json and as binary store different records, so they differ.
    /// </summary>
    public static byte[] Fingerprint(string topic, int? partition, string format, string mode, ReadOnlySpan<byte> body)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{topic}\n{partition}\n{format}\n{mode}\n"));
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }
    /// <summary>What an entry costs beyond its answer: the key, the request's hash and the bookkeeping.</summary>
    private const long EntryOverheadBytes = 256;

    /// <summary>What an answer that cannot say is assumed to cost.</summary>
    private const long UnknownAnswerBytes = 1024;

    private readonly ReliabilityOptions _options = options.Value;
    private readonly Lock _claims = new();

    // Keys still being answered: bounded by the requests in flight, which admission bounds; never evicted.
    private readonly Dictionary<string, Entry> _pending = new(StringComparer.Ordinal);

    // Answers kept for retries: bounded by bytes and by count (each entry is charged at least
    // MaxBytes / MaxKeys), the least recently used forgotten first.
    private readonly MemoryCache _answered = new(new MemoryCacheOptions
    {
        SizeLimit = options.Value.IdempotencyMaxBytes,
        TrackStatistics = true,
    });

    /// <summary>Answers remembered now.</summary>
    public int RememberedKeys => _answered.Count;

    /// <summary>Approximate bytes the remembered answers hold; never above <c>Reliability:IdempotencyMaxBytes</c>.</summary>
    public long RememberedBytes => _answered.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>
    /// The first request with this key gets a ticket to fulfil; a later one gets the first one's answer
    /// (when it comes) or, when the request differs, a conflict.
    /// </summary>
    public Claim Claim(string scope, string key, byte[] requestHash)
    {
        var now = time.GetUtcNow();
        var id = $"{scope}\n{key}";
        lock (_claims)
        {
            if (_pending.TryGetValue(id, out var pending))
            {
                return Later(pending, requestHash);
            }

            if (_answered.TryGetValue(id, out Entry? answered) && answered!.Expires > now)
            {
                return Later(answered, requestHash);
            }

            var entry = new Entry(this, id, requestHash, now + TimeSpan.FromSeconds(_options.IdempotencyWindowSeconds));
            _pending[id] = entry;
            return new Claim(entry, IsFirst: true, Conflict: false);
        }
    }

    private static Claim Later(Entry first, byte[] requestHash) =>
        new(first, IsFirst: false, Conflict: !first.RequestHash.AsSpan().SequenceEqual(requestHash));

    private void Forget(Entry entry)
    {
        lock (_claims)
        {
            RemovePending(entry);
        }
    }

    /// <summary>Takes the entry off the pending keys if it is still there; the caller holds the lock.</summary>
    private bool RemovePending(Entry entry) =>
        _pending.TryGetValue(entry.Id, out var pending) && ReferenceEquals(pending, entry) && _pending.Remove(entry.Id);

    /// <summary>Moves a fulfilled entry from the pending keys to the remembered answers.</summary>
    private void Remember(Entry entry, IResult answer)
    {
        var size = Math.Max(
            EntryOverheadBytes + 2L * entry.Id.Length + (answer is IRememberedAnswer remembered ? remembered.ApproximateBytes : UnknownAnswerBytes),
            _options.IdempotencyMaxBytes / _options.IdempotencyMaxKeys);
        var window = entry.Expires - time.GetUtcNow();
        lock (_claims)
        {
            if (!RemovePending(entry) || size > _options.IdempotencyMaxBytes || window <= TimeSpan.Zero)
            {
                return;
            }

            // Make room now rather than drop the newest answer: each pass forgets a tenth of the
            // entries (expired first, then the least recently used), so the cost per answer stays small.
            while (RememberedBytes + size > _options.IdempotencyMaxBytes && _answered.Count > 0)
            {
                _answered.Compact(Math.Max(0.1, 1.0 / _answered.Count));
            }

            _answered.Set(entry.Id, entry, new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = window });
        }
    }

    public void Dispose() => _answered.Dispose();

    internal sealed class Entry(IdempotencyKeys keys, string id, byte[] requestHash, DateTimeOffset expires)
    {
        private readonly TaskCompletionSource<IResult> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Id { get; } = id;

        public byte[] RequestHash { get; } = requestHash;

        public DateTimeOffset Expires { get; } = expires;

        public Task<IResult> Answer => _answer.Task;

        /// <summary>The first request's answer: duplicates waiting get it, and retries within the window too.</summary>
        public void Fulfil(IResult answer)
        {
            Settle(answer);
            keys.Remember(this, answer);
        }

        /// <summary>
        /// The first request ended before producing anything: its waiting duplicates get the same answer,
        /// and the key is forgotten so a later retry runs afresh.
        /// </summary>
        public void Abandon(IResult answer)
        {
            keys.Forget(this);
            Settle(answer);
        }

        private void Settle(IResult answer) => _answer.TrySetResult(answer);
    }
}

/// <summary>The result of claiming an idempotency key.</summary>
internal readonly record struct Claim(IdempotencyKeys.Entry Entry, bool IsFirst, bool Conflict);
