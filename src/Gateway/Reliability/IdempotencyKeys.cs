using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Gateway.Reliability;

/// <summary>
/// Answers remembered by <c>Idempotency-Key</c> (per instance): a retry with the same key and the same
/// request gets the first answer and produces nothing new; a concurrent duplicate waits for the first.
/// </summary>
internal sealed class IdempotencyKeys(IOptions<ReliabilityOptions> options, TimeProvider time)
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
    private readonly ReliabilityOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// The first request with this key gets a ticket to fulfil; a later one gets the first one's answer
    /// (when it comes) or, when the request differs, a conflict.
    /// </summary>
    public Claim Claim(string scope, string key, byte[] requestHash)
    {
        var now = time.GetUtcNow();
        var id = $"{scope}\n{key}";
        while (true)
        {
            var entry = new Entry(requestHash, now + TimeSpan.FromSeconds(_options.IdempotencyWindowSeconds));
            var existing = _entries.GetOrAdd(id, entry);
            if (ReferenceEquals(existing, entry))
            {
                Trim(now);
                return new Claim(entry, IsFirst: true, Conflict: false);
            }

            if (existing.Expires <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(id, existing));
                continue;
            }

            return new Claim(existing, IsFirst: false, Conflict: !existing.RequestHash.AsSpan().SequenceEqual(requestHash));
        }
    }

    /// <summary>
    /// The first request ended before producing anything: its waiting duplicates get the same answer,
    /// and the key is forgotten so a later retry runs afresh.
    /// </summary>
    public void Abandon(string scope, string key, Claim claim, IResult answer)
    {
        claim.Entry.Fulfil(answer);
        _entries.TryRemove(new KeyValuePair<string, Entry>($"{scope}\n{key}", claim.Entry));
    }

    private void Trim(DateTimeOffset now)
    {
        if (_entries.Count <= _options.IdempotencyMaxKeys)
        {
            return;
        }

        foreach (var (id, entry) in _entries)
        {
            if (entry.Expires <= now)
            {
                _entries.TryRemove(id, out _);
            }
        }

        // Still full: forget the keys that expire soonest, never one still being answered.
        var excess = _entries.Count - _options.IdempotencyMaxKeys;
        foreach (var (id, _) in _entries.Where(e => e.Value.Answer.IsCompleted).OrderBy(e => e.Value.Expires).Take(Math.Max(excess, 0)).ToArray())
        {
            _entries.TryRemove(id, out _);
        }
    }

    internal sealed class Entry(byte[] requestHash, DateTimeOffset expires)
    {
        private readonly TaskCompletionSource<IResult> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public byte[] RequestHash { get; } = requestHash;

        public DateTimeOffset Expires { get; } = expires;

        public Task<IResult> Answer => _answer.Task;

        public void Fulfil(IResult answer) => _answer.TrySetResult(answer);
    }
}

/// <summary>The result of claiming an idempotency key.</summary>
internal readonly record struct Claim(IdempotencyKeys.Entry Entry, bool IsFirst, bool Conflict);
