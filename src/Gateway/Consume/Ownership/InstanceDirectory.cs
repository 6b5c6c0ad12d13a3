using System.Text;
using Confluent.Kafka;
using Gateway.Kafka;
using Microsoft.Extensions.Options;

namespace Gateway.Consume.Ownership;

/// <summary>
/// Which gateway owns which consumer instance, kept in a compacted single-partition topic that every
/// gateway writes its claims to and reads from start to end. A name it does not know is looked up again
/// only once this gateway has read the topic up to its current end, so an instance created a moment ago
/// through another gateway is always found.
/// </summary>
internal sealed partial class InstanceDirectory : IHostedService, IDisposable
{
    private readonly ConsumerClients _clients;
    private readonly KafkaConnection _connection;
    private readonly IRecordProducer _producer;
    private readonly PeerIdentity _self;
    private readonly ConsumeOptions _options;
    private readonly KafkaOptions _kafka;
    private readonly ILogger<InstanceDirectory> _logger;
    private readonly TimeSpan _timeout;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Group, string Instance), List<InstanceClaim>> _claims = [];
    private readonly Dictionary<string, InstanceClaim> _byKey = new(StringComparer.Ordinal);
    private readonly List<(long Position, TaskCompletionSource Reached)> _waiters = [];
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TopicPartition _partition;
    private IConsumer<byte[]?, byte[]?>? _tailer;
    private Thread? _thread;
    private volatile bool _stopping;
    private Task _starting = Task.CompletedTask;
    private long _position;
    private int _disposed;

    public InstanceDirectory(
        ConsumerClients clients, KafkaConnection connection, IRecordProducer producer, PeerIdentity self,
        IOptions<ConsumeOptions> options, IOptions<KafkaOptions> kafka, ILogger<InstanceDirectory> logger)
    {
        _clients = clients;
        _connection = connection;
        _producer = producer;
        _self = self;
        _options = options.Value;
        _kafka = kafka.Value;
        _logger = logger;
        _timeout = TimeSpan.FromMilliseconds(_kafka.MetadataTimeoutMs);
        _partition = new TopicPartition(_options.DirectoryTopic, 0);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Reading the topic must not hold up the start: lookups wait for it instead.
        _starting = Task.Run(StartTailingAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Registered under two service types, so it may be called twice; the consumer is released once,
        // and only when nothing can be using it any more.
        bool first;
        lock (_lock)
        {
            first = _disposed == 0;
            _disposed = 1;
        }

        if (first && Stop())
        {
            _tailer?.Dispose();
        }
    }

    /// <summary>Stops reading; true when the start and the reading thread have both finished.</summary>
    private bool Stop()
    {
        _stopping = true;
        return _starting.Wait(TimeSpan.FromSeconds(10)) && _thread?.Join(TimeSpan.FromSeconds(5)) != false;
    }

    /// <summary>The winning claim to the name; when none is known yet, after reading the topic to its end.</summary>
    /// <exception cref="TimeoutException">The directory topic could not be read up to its end in time.</exception>
    /// <exception cref="KafkaException">The directory topic could not be read.</exception>
    public async Task<InstanceClaim?> FindAsync(string group, string instance)
    {
        await _started.Task.WaitAsync(_timeout).ConfigureAwait(false);
        return Winner(group, instance) ?? (await SyncAsync().ConfigureAwait(false) ? Winner(group, instance) : null);
    }

    /// <summary>Records this gateway's claim to the name and says whether it is the winning one.</summary>
    /// <exception cref="KafkaException">The claim could not be written.</exception>
    /// <exception cref="TimeoutException">The claim could not be read back in time.</exception>
    public async Task<(InstanceClaim Claim, bool Won)> ClaimAsync(string group, string instance, string format)
    {
        await _started.Task.WaitAsync(_timeout).ConfigureAwait(false);
        var claimId = Guid.NewGuid().ToString("N");
        var key = InstanceClaim.KeyOf(group, instance, claimId);
        var written = (await ProduceAsync(new ProduceRecord(key, InstanceClaim.ValueOf(_self.AdvertisedUrl, _self.Run, format), 0)).ConfigureAwait(false))[0];
        if (written.Error is { } error)
        {
            throw new KafkaException(error);
        }

        await WaitForAsync(written.Offset + 1).ConfigureAwait(false);
        var claim = new InstanceClaim(group, instance, claimId, _self.AdvertisedUrl, _self.Run, written.Offset);
        return (claim, Winner(group, instance)?.ClaimId == claimId);
    }

    /// <summary>Withdraws a claim: gone here at once, and for every gateway once they read the tombstone.</summary>
    public async Task ReleaseAsync(InstanceClaim claim)
    {
        lock (_lock)
        {
            Remove(Encoding.UTF8.GetString(claim.Key));
        }

        var outcome = (await ProduceAsync(new ProduceRecord(claim.Key, null, 0)).ConfigureAwait(false))[0];
        if (outcome.Error is { } error)
        {
            LogReleaseFailed(_logger, claim.Group, claim.Instance, error.Reason);
        }
    }

    /// <summary>Hands a record to the producer, unless this directory is disposed: the producer is disposed right after it.</summary>
    private Task<DeliveryOutcome[]> ProduceAsync(ProduceRecord record)
    {
        lock (_lock)
        {
            if (_disposed != 0)
            {
                return Task.FromResult<DeliveryOutcome[]>([DeliveryOutcome.Failed(new Error(ErrorCode.Local_Destroy))]);
            }

            // Enqueuing is synchronous and inside the lock, so disposal never races a produce call.
            return _producer.ProduceAsync(_partition.Topic, [record]);
        }
    }

    private InstanceClaim? Winner(string group, string instance)
    {
        lock (_lock)
        {
            return _claims.TryGetValue((group, instance), out var claims) ? claims.MinBy(c => c.Offset) : null;
        }
    }

    [LoggerMessage(LogLevel.Information, "Created the consumer instance directory topic {Topic} (compacted, 1 partition)")]
    private static partial void LogTopicCreated(ILogger logger, string topic);

    [LoggerMessage(LogLevel.Warning, "Could not create the consumer instance directory topic {Topic}; it must exist already: {Reason}")]
    private static partial void LogTopicNotCreated(ILogger logger, string topic, string reason);

    [LoggerMessage(LogLevel.Error, "The consumer instance directory {Topic} cannot be read; consumer requests answer 503 until it can: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(LogLevel.Warning, "Reading the consumer instance directory {Topic} failed: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(LogLevel.Warning, "Could not withdraw the claim to consumer instance {Group}/{Instance}: {Reason}")]
    private static partial void LogReleaseFailed(ILogger logger, string group, string instance, string reason);
}
