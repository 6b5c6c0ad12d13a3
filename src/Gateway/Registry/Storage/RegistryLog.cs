using Confluent.Kafka;
using Gateway.Http;
using Gateway.Kafka;
using Microsoft.Extensions.Options;

namespace Gateway.Registry.Storage;

/// <summary>
/// The registry topic as this instance sees it: one thread reads the single partition from its start for the life of
/// the process and applies every record to <see cref="RegistryState"/>; writers append through the state topics' producer
/// (acks=all, idempotent) and wait until their record is applied in offset order, so an instance reads its own writes.
/// </summary>
internal sealed partial class RegistryLog : IDisposable
{
    private readonly Lock _lock = new();
    private readonly RegistryState _state = new();
    private readonly List<(long Offset, TaskCompletionSource Done)> _waiters = [];
    private readonly TopicReaders _readers;
    private readonly StateTopicWriter _writer;
    private readonly ILogger<RegistryLog> _logger;
    private readonly TimeSpan _timeout;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private Thread? _thread;
    private long _applied;
    private long _startEnd = -1;
    private string? _problem = "the registry topic is not read yet";

    public RegistryLog(TopicReaders readers, StateTopicWriter writer, IOptions<RegistryOptions> options, ILogger<RegistryLog> logger)
    {
        _readers = readers;
        _writer = writer;
        _logger = logger;
        Topic = options.Value.Topic;
        _timeout = TimeSpan.FromMilliseconds(options.Value.RequestTimeoutMs);
    }

    public string Topic { get; }

    /// <summary>Completes once the topic was read to the end it had at start.</summary>
    public Task CaughtUp => _caughtUp.Task;

    /// <summary>Why reads are not served yet; null once caught up.</summary>
    public string? Problem
    {
        get
        {
            lock (_lock)
            {
                return _caughtUp.Task.IsCompleted ? null : _startEnd >= 0 ? $"{_problem}: read to offset {_applied} of {_startEnd}" : _problem;
            }
        }
    }

    /// <summary>Starts reading from the first record the topic holds.</summary>
    public void Start()
    {
        _consumer = _readers.Build("gateway-registry");
        _consumer.Assign(new TopicPartitionOffset(Topic, 0, Offset.Beginning));
        _thread = new Thread(Read) { IsBackground = true, Name = "registry-reader" };
        _thread.Start();
    }

    /// <summary>Runs a query against the state as read so far.</summary>
    public T Query<T>(Func<RegistryState, T> query)
    {
        lock (_lock)
        {
            return query(_state);
        }
    }

    /// <summary>Waits until every record the topic held when called is applied, so a decision sees all earlier writes.</summary>
    public async Task<GatewayError?> SyncAsync()
    {
        if (await WhenCaughtUpAsync() is { } notReady)
        {
            return notReady;
        }

        long end;
        try
        {
            // Not asked over the reader's connection: there the answer would queue behind the fetch that is waiting
            // for new records (up to fetch.wait.max.ms).
            end = await _writer.EndOffsetAsync(new TopicPartition(Topic, 0), _timeout);
        }
        catch (KafkaException e)
        {
            return ErrorCatalog.RegistryStoreFailed($"Error while reading the registry topic {Topic}: {e.Error.Reason}");
        }

        return await WaitForAsync(end);
    }

    /// <summary>
    /// Appends one record to the topic and waits until this instance has applied it; answers its offset. Kafka's
    /// acknowledgement (acks=all) says the record is at that offset; when every record before it is applied, it is
    /// applied at once, as the reader would apply it (the state ignores it when the reader meets it). Otherwise the
    /// reader applies the records in between, then this one.
    /// </summary>
    public async Task<(long Offset, GatewayError? Error)> AppendAsync(byte[] key, byte[]? value)
    {
        var outcome = (await _writer.ProduceAsync(Topic, [new ProduceRecord(key, value, 0)]))[0];
        if (outcome.Error is { } error)
        {
            LogWriteFailed(_logger, Topic, error.Reason);
            return (-1, error.IsLocalError && error.Code == ErrorCode.Local_MsgTimedOut
                ? ErrorCatalog.RegistryTimeout($"Write to the Kafka store timed out: {error.Reason}")
                : ErrorCatalog.RegistryStoreFailed($"Error while writing to the registry topic {Topic}: {error.Reason}"));
        }

        lock (_lock)
        {
            if (_applied == outcome.Offset)
            {
                ApplyLocked(outcome.Offset, key, value);
            }
        }

        return (outcome.Offset, await WaitForAsync(outcome.Offset + 1));
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(5));
        _consumer?.Close();
        _consumer?.Dispose();
        _stopping.Dispose();
    }

    private async Task<GatewayError?> WhenCaughtUpAsync()
    {
        if (_caughtUp.Task.IsCompleted)
        {
            return null;
        }

        try
        {
            await _caughtUp.Task.WaitAsync(_timeout);
            return null;
        }
        catch (TimeoutException)
        {
            return ErrorCatalog.RegistryTimeout($"The registry is still reading its topic {Topic}: {Problem}");
        }
    }

    /// <summary>Waits until the record before <paramref name="end"/> (exclusive) is applied.</summary>
    private async Task<GatewayError?> WaitForAsync(long end)
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            if (_applied >= end)
            {
                return null;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((end, done));
        }

        try
        {
            await done.Task.WaitAsync(_timeout);
            return null;
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }

            return ErrorCatalog.RegistryTimeout($"The registry did not read its topic {Topic} up to offset {end} in time");
        }
    }

    private void Read()
    {
        var partition = new TopicPartition(Topic, 0);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                if (_startEnd < 0)
                {
                    var marks = _consumer!.QueryWatermarkOffsets(partition, _timeout);
                    lock (_lock)
                    {
                        _startEnd = marks.High.Value;
                        _problem = "reading the registry topic";
                    }

                    CheckCaughtUp();
                }

                var result = _consumer!.Consume(TimeSpan.FromMilliseconds(200));
                if (result is null)
                {
                    continue;
                }

                lock (_lock)
                {
                    if (result.IsPartitionEOF)
                    {
                        _applied = Math.Max(_applied, result.Offset.Value);
                        ReleaseWaiters();
                    }
                    else
                    {
                        ApplyLocked(result.Offset.Value, result.Message.Key, result.Message.Value);
                    }
                }

                CheckCaughtUp();
            }
            catch (KafkaException e)
            {
                lock (_lock)
                {
                    _problem = $"Kafka did not answer reads of {Topic}: {e.Error.Reason}";
                }

                LogReadFailed(_logger, Topic, e.Error.Reason);
                _stopping.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>Applies the record at <paramref name="offset"/> (the state ignores it when this instance applied it already).</summary>
    private void ApplyLocked(long offset, byte[]? key, byte[]? value)
    {
        _state.Apply(offset, RegistryRecords.Read(key, value));
        _applied = Math.Max(_applied, offset + 1);
        ReleaseWaiters();
    }

    private void ReleaseWaiters()
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Offset <= _applied)
            {
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private void CheckCaughtUp()
    {
        int schemas;
        lock (_lock)
        {
            if (_caughtUp.Task.IsCompleted || _startEnd < 0 || _applied < _startEnd)
            {
                return;
            }

            schemas = _state.SchemaCount;
        }

        LogCaughtUp(_logger, Topic, _startEnd, schemas);
        _caughtUp.TrySetResult();
    }

    [LoggerMessage(LogLevel.Information, "Schema registry read {Topic} to offset {Offset}: {Schemas} schemas")]
    private static partial void LogCaughtUp(ILogger logger, string topic, long offset, int schemas);

    [LoggerMessage(LogLevel.Warning, "Schema registry could not read {Topic}: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(LogLevel.Error, "Schema registry could not write to {Topic}: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string topic, string reason);
}
