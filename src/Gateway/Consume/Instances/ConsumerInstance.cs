using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Gateway.Consume.Decoding;
using Gateway.Http;
using Gateway.Kafka;

namespace Gateway.Consume.Instances;

/// <summary>
/// One v2 consumer instance: a librdkafka consumer owned by a thread of its own. Every command (subscribe,
/// seek, read, commit, close) runs on that thread in arrival order, so positions, the instance's few
/// records held back and the group's rebalances never race; a command arriving while the thread waits
/// for records wakes it at once. Between reads the instance pauses its partitions and keeps serving the
/// group, so a rebalance never waits for this instance's client to come back.
/// </summary>
internal sealed partial class ConsumerInstance : IDisposable
{
    /// <summary>How long an instance keeps fetching ahead after a read, for the client's next one.</summary>
    private static readonly TimeSpan FetchAheadAfterRead = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait on librdkafka between looks at the clock, when nothing wakes the thread.</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    /// <summary>Wait per call when the consumer cannot be woken early (the wake-up is not available).</summary>
    private static readonly TimeSpan ShortWait = TimeSpan.FromMilliseconds(20);

    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly ConsumerWakeup _wakeup;
    private readonly IRecordDecoder _decoder;
    private readonly InstanceContext _context;
    private readonly ConcurrentQueue<Action> _commands = new();
    private readonly ManualResetEventSlim _signal = new(false);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private long _lastUsedTicks;
    private volatile bool _closing;
    private volatile KnownConsumer _snapshot;

    public ConsumerInstance(InstanceSettings settings, ConsumerConfig config, InstanceContext context)
    {
        Settings = settings;
        _context = context;
        _decoder = context.Decoders.For(settings.Format);
        _consumer = context.Clients.Build(config, builder => builder
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition))));
        _wakeup = new ConsumerWakeup(_consumer);
        _snapshot = new KnownConsumer("", settings.Name, config.ClientId ?? settings.Name, []);
        Touch();
        _thread = new Thread(Run) { IsBackground = true, Name = $"consumer {settings.Group}/{settings.Name}" };
        _thread.Start();
    }

    public InstanceSettings Settings { get; }

    /// <summary>Completes when the consumer has left its group and is closed.</summary>
    public Task Closed => _closed.Task;

    public bool IsClosing => _closing;

    /// <summary>The member as the group sees it, for the v3 consumer-group view.</summary>
    public KnownConsumer Snapshot => _snapshot;

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    /// <summary>Every request for the instance keeps it alive for another <c>Consumers:InstanceTimeoutMs</c>.</summary>
    public void Touch() => Interlocked.Exchange(ref _lastUsedTicks, _context.Time.GetUtcNow().UtcTicks);

    /// <summary>Runs <paramref name="command"/> on the instance's thread; a command that moves positions first ends a read in progress.</summary>
    public Task<T> RunAsync<T>(Func<T> command, bool movesPositions = false)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(() =>
        {
            if (movesPositions)
            {
                FinishRead();
            }

            try
            {
                done.TrySetResult(command());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The request answers it; the instance carries on.
                done.TrySetException(e);
            }
        }, () => done.TrySetException(new InstanceClosedException()));
        Touch();
        return done.Task;
    }

    /// <summary>Starts closing: the consumer commits (with auto-commit) and leaves its group at once.</summary>
    public Task CloseAsync()
    {
        _closing = true;
        Wake();
        return _closed.Task;
    }

    /// <summary>Releases the thread's wait handle once the instance has closed.</summary>
    public void Dispose()
    {
        if (_closed.Task.IsCompleted)
        {
            _signal.Dispose();
        }
    }

    private void Enqueue(Action command, Action refuse)
    {
        if (_closing)
        {
            refuse();
            return;
        }

        _commands.Enqueue(() =>
        {
            if (_closing)
            {
                refuse();
            }
            else
            {
                command();
            }
        });
        Wake();
    }

    private void Wake()
    {
        try
        {
            _signal.Set();
        }
        catch (ObjectDisposedException)
        {
            // Closed and released: nothing waits any more.
        }

        _wakeup.Wake();
    }

    private void Run()
    {
        try
        {
            while (!_closing)
            {
                _signal.Reset();
                RunCommands();
                if (_closing)
                {
                    break;
                }

                if (_read is not null || _reads.TryDequeue(out _read))
                {
                    StepRead(_read);
                }
                else
                {
                    Idle();
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _context.LogFailed(Settings.Group, Settings.Name, e.Message);
        }
        finally
        {
            Shut();
        }
    }

    private void RunCommands()
    {
        while (_commands.TryDequeue(out var command))
        {
            command();
        }
    }

    /// <summary>Between reads: fetch ahead briefly, then pause the partitions and serve the group's events.</summary>
    private void Idle()
    {
        if (_mode == SubscriptionMode.None)
        {
            // Nothing to fetch, but librdkafka's callbacks (an MSK IAM token refresh) are served while consuming.
            Consume(_wakeup.IsAvailable ? IdleWait : ShortWait);
            return;
        }

        RefreshPatternWhenDue();
        var fetchingAhead = FetchAheadAfterRead - Stopwatch.GetElapsedTime(_lastReadEnded);
        if (fetchingAhead > TimeSpan.Zero)
        {
            _signal.Wait(fetchingAhead);
            return;
        }

        PauseAssigned();
        if (Consume(_wakeup.IsAvailable ? IdleWait : ShortWait) is { } early)
        {
            // A partition assigned a moment ago delivered before it could be paused: keep it for the next read.
            _held.Enqueue(early);
            PauseAssigned();
        }
    }

    private ConsumeResult<byte[]?, byte[]?>? Consume(TimeSpan wait)
    {
        try
        {
            return _consumer.Consume(wait);
        }
        catch (ConsumeException e) when (IsAbsentTopic(e.Error.Code))
        {
            // Java's consumer says nothing about a subscribed topic that does not exist; neither does kafka-rest.
            return null;
        }
        catch (ConsumeException e)
        {
            if (_read is { } read)
            {
                read.Fail(ErrorCatalog.KafkaFailure(RecordErrorCodes.For(e.Error), e.Error.Reason));
            }
            else
            {
                _context.LogFailed(Settings.Group, Settings.Name, e.Error.Reason);
            }

            return null;
        }
    }

    private static bool IsAbsentTopic(ErrorCode code) =>
        code is ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic or ErrorCode.Local_UnknownPartition;

    private void Shut()
    {
        _closing = true;
        FinishRead();
        while (_reads.TryDequeue(out var waiting))
        {
            waiting.Complete([]);
        }

        RunCommands();
        try
        {
            _wakeup.Dispose();
            _consumer.Close();
        }
        catch (KafkaException e)
        {
            _context.LogFailed(Settings.Group, Settings.Name, e.Message);
        }
        finally
        {
            _consumer.Dispose();
            Observability.ConsumerMetrics.InstanceClosed(Settings.Group, Settings.Name);
            _closed.TrySetResult();
        }
    }
}

/// <summary>The instance closed (deleted, expired, or the gateway stopping) before the command ran.</summary>
internal sealed class InstanceClosedException() : InvalidOperationException("The consumer instance is closed.");
