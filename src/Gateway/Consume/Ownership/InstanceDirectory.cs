using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
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

    /// <summary>Waits until every record written so far has been read; false when that took too long.</summary>
    private async Task<bool> SyncAsync()
    {
        var end = await Task.Run(() => _tailer!.QueryWatermarkOffsets(_partition, _timeout).High.Value).ConfigureAwait(false);
        await WaitForAsync(end).ConfigureAwait(false);
        return true;
    }

    private Task WaitForAsync(long position)
    {
        TaskCompletionSource reached;
        lock (_lock)
        {
            if (_position >= position)
            {
                return Task.CompletedTask;
            }

            reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((position, reached));
        }

        return reached.Task.WaitAsync(_timeout);
    }

    private async Task StartTailingAsync()
    {
        try
        {
            var config = _clients.NewConfig();
            config.GroupId = $"gateway-directory-{_self.Run}";
            config.EnableAutoCommit = false;
            config.EnablePartitionEof = true;
            config.FetchWaitMaxMs = _options.EffectiveFetchWaitMaxMs(_clients.UsesEmbeddedCluster);
            _tailer = _clients.Build(config);
            await EnsureTopicAsync(_tailer).ConfigureAwait(false);
            if (_stopping)
            {
                return;
            }

            _tailer.Assign(new TopicPartitionOffset(_partition, Offset.Beginning));
            _thread = new Thread(Tail) { IsBackground = true, Name = "consumer instance directory" };
            _thread.Start();
            _started.TrySetResult();
            if (await SyncAsync().ConfigureAwait(false) && !_stopping)
            {
                await ReleaseClaimsOfEarlierRunsAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is KafkaException or TimeoutException or ArgumentException or InvalidOperationException)
        {
            LogStartFailed(_logger, _partition.Topic, e.Message);
            _started.TrySetException(e);
        }
    }

    private async Task EnsureTopicAsync(IClient client)
    {
        if (_connection.Embedded is { } embedded)
        {
            embedded.CreateTopic(_partition.Topic, 1, embedded.BrokerCount);
            return;
        }

        using var admin = new DependentAdminClientBuilder(client.Handle).Build();
        try
        {
            await admin.CreateTopicsAsync(
                [new TopicSpecification
                {
                    Name = _partition.Topic, NumPartitions = 1, ReplicationFactor = _kafka.DefaultReplicationFactor,
                    Configs = new Dictionary<string, string> { ["cleanup.policy"] = "compact" },
                }],
                new CreateTopicsOptions { RequestTimeout = _timeout }).ConfigureAwait(false);
            LogTopicCreated(_logger, _partition.Topic);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // It exists: created by another gateway, or beforehand by an operator.
        }
        catch (KafkaException e)
        {
            // Not allowed to create topics, or a cluster without the admin API: it must exist already.
            LogTopicNotCreated(_logger, _partition.Topic, e.Error.Reason);
        }
    }

    /// <summary>Claims at this gateway's address by an earlier process there are dead: withdraw them.</summary>
    private async Task ReleaseClaimsOfEarlierRunsAsync()
    {
        if (_self.AdvertisedUrl.Length == 0)
        {
            return;
        }

        List<InstanceClaim> stale;
        lock (_lock)
        {
            stale = _byKey.Values.Where(c => c.OwnerUrl == _self.AdvertisedUrl && c.OwnerRun != _self.Run).ToList();
        }

        foreach (var claim in stale)
        {
            await ReleaseAsync(claim).ConfigureAwait(false);
        }
    }

    private void Tail()
    {
        while (!_stopping)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = _tailer!.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException e)
            {
                LogReadFailed(_logger, _partition.Topic, e.Error.Reason);
                Thread.Sleep(200);
                continue;
            }

            if (result is null)
            {
                continue;
            }

            lock (_lock)
            {
                if (!result.IsPartitionEOF)
                {
                    Apply(result);
                }

                Advance(result.IsPartitionEOF ? result.Offset.Value : result.Offset.Value + 1);
            }
        }
    }

    private void Apply(ConsumeResult<byte[]?, byte[]?> result)
    {
        if (InstanceClaim.Read(result.Message.Key, result.Message.Value, result.Offset.Value) is not { } record)
        {
            return;
        }

        Remove(record.KeyText);
        if (record.Claim is { } claim)
        {
            _byKey[record.KeyText] = claim;
            var name = (claim.Group, claim.Instance);
            if (!_claims.TryGetValue(name, out var claims))
            {
                _claims[name] = claims = [];
            }

            claims.Add(claim);
        }
    }

    private void Remove(string keyText)
    {
        if (_byKey.Remove(keyText, out var old) && _claims.TryGetValue((old.Group, old.Instance), out var claims))
        {
            claims.RemoveAll(c => c.ClaimId == old.ClaimId);
            if (claims.Count == 0)
            {
                _claims.Remove((old.Group, old.Instance));
            }
        }
    }

    private void Advance(long position)
    {
        _position = Math.Max(_position, position);
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Position <= _position)
            {
                _waiters[i].Reached.TrySetResult();
                _waiters.RemoveAt(i);
            }
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
