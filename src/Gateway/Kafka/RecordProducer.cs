using Confluent.Kafka;
using Gateway.Kafka.Security;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Gateway.Kafka;

/// <summary>
/// The gateway's librdkafka producer: one at a time, for the life of the process unless librdkafka
/// raises a fatal error (an idempotent producer then fails every record until it is replaced). Then the
/// records it still holds are answered retriable, new requests are refused until a new producer (with a
/// new producer id) serves, and repeated fatal errors wait longer each time. Flushed when the process stops.
/// While fewer than <see cref="KafkaOptions.LingerFromRecordsInFlight"/> records wait for Kafka, a request's
/// records go to a twin producer that sends at once, so a lone request is not held for the linger; under load
/// they go to the lingering one, which batches. All of one request's records go to the same producer.
/// </summary>
internal sealed partial class RecordProducer : IRecordProducer, IDisposable
{
    private static readonly Counter Rebuilds = Metrics.CreateCounter(
        "gateway_kafka_producer_rebuilds_total", "Kafka producers built anew (with a new producer id) after a fatal error.");

    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>A producer that served this long before failing starts the back-off afresh.</summary>
    private static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);

    private readonly KafkaConnection _connection;
    private readonly KafkaOptions _options;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RefusalLog _refusals;
    private readonly bool _metrics;
    private readonly bool _stateTopics;
    private readonly TimeSpan _flushTimeout;
    private readonly Action<int> _answered;
    private long _recordsInFlight;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _retiring = [];
    private volatile ProducerGeneration _current;
    private int _fatalInARow;
    private int _disposed;

    public RecordProducer(
        KafkaConnection connection, IOptions<KafkaOptions> options, IServiceProvider services, TimeProvider time, RefusalLog refusals,
        IOptions<Observability.ObservabilityOptions> observability, ILogger<RecordProducer> logger)
        : this(connection, options.Value, services, time, refusals, observability.Value.Metrics, logger, stateTopics: false)
    {
    }

    private RecordProducer(
        KafkaConnection connection, KafkaOptions options, IServiceProvider services, TimeProvider time, RefusalLog refusals,
        bool metrics, ILogger logger, bool stateTopics)
    {
        _metrics = metrics;
        _stateTopics = stateTopics;
        _refusals = refusals;
        _connection = connection;
        _options = options;
        _services = services;
        _time = time;
        _logger = logger;
        _flushTimeout = TimeSpan.FromMilliseconds(_options.DeliveryTimeoutMs);
        _answered = count => Interlocked.Add(ref _recordsInFlight, -count);
        _current = Build(1);
    }

    /// <summary>
    /// A second producer with the same settings and the same recovery from fatal errors, for writes to the gateway's own
    /// state topics (<see cref="StateTopicWriter"/>): no linger, no statistics.
    /// </summary>
    public static RecordProducer ForStateTopics(
        KafkaConnection connection, KafkaOptions options, IServiceProvider services, TimeProvider time, RefusalLog refusals, ILogger logger) =>
        new(connection, options, services, time, refusals, metrics: false, logger, stateTopics: true);

    /// <summary>The current producer's librdkafka handle (it changes when a producer is replaced).</summary>
    public Handle Handle => _current.Producer.Handle;

    /// <summary>The current producer's client name; a new producer has a new one.</summary>
    public string Name => _current.Producer.Name;

    /// <summary>The current producer's client name and handle, read from the same producer.</summary>
    public (string Name, Handle Handle) Client
    {
        get
        {
            var producer = _current.Producer;
            return (producer.Name, producer.Handle);
        }
    }

    /// <summary>Why records cannot be produced right now, or null when they can.</summary>
    public string? Problem => _current.Fatal is { } fatal
        ? $"the Kafka producer failed fatally ({fatal}); a new producer is being built, until then produce requests are answered 503."
        : null;

    public Task<DeliveryOutcome[]> ProduceAsync(string topic, IReadOnlyList<ProduceRecord> records)
    {
        if (records.Count == 0)
        {
            return Task.FromResult<DeliveryOutcome[]>([]);
        }

        var generation = _current;
        // Records in flight are counted only where there is a twin to choose.
        var prompt = generation.Prompt;
        var producer = prompt is not null && Interlocked.Add(ref _recordsInFlight, records.Count) <= _options.LingerFromRecordsInFlight
            ? prompt
            : generation.Producer;
        var batch = new DeliveryBatch(records.Count, topic, _refusals, prompt is null ? null : _answered);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var index = i;
            var message = new Message<byte[]?, byte[]?> { Key = record.Key, Value = record.Value };
            if (record.Timestamp is { } timestamp)
            {
                message.Timestamp = new Timestamp(timestamp);
            }

            if (record.Headers is { } headers)
            {
                message.Headers = [];
                foreach (var (name, value) in headers)
                {
                    message.Headers.Add(name, value);
                }
            }

            try
            {
                if (record.Partition is { } partition)
                {
                    producer.Produce(new TopicPartition(topic, partition), message, report => batch.Report(index, report, generation.Fatal is not null));
                }
                else
                {
                    producer.Produce(topic, message, report => batch.Report(index, report, generation.Fatal is not null));
                }
            }
            catch (ProduceException<byte[]?, byte[]?> e)
            {
                batch.Complete(index, DeliveryBatch.Outcome(DeliveryOutcome.Failed(e.Error), e.Error.IsFatal || generation.Fatal is not null));
            }
            catch (ObjectDisposedException)
            {
                // The producer was retired between reading it and handing it this record: nothing was queued.
                batch.Complete(index, DeliveryBatch.Outcome(DeliveryOutcome.Failed(new Error(ErrorCode.Local_Fatal, "the producer was replaced")), true));
            }
        }

        return batch.Completion;
    }

    public void Dispose()
    {
        // Registered under two service types, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        var left = _current.Close(_flushTimeout);
        if (left > 0)
        {
            LogUnflushed(_logger, left);
        }

        Task[] retiring;
        lock (_retiring)
        {
            retiring = [.. _retiring];
        }

        Task.WaitAll(retiring, _flushTimeout);
        _stopping.Dispose();
    }

    private ProducerGeneration Build(int number)
    {
        var generation = new ProducerGeneration(number, _time.GetUtcNow());
        try
        {
            var config = _stateTopics
                ? ProducerSettings.BuildForStateTopics(_options, _connection.BootstrapServers)
                : ProducerSettings.Build(_options, _connection.BootstrapServers, _metrics);
            generation.Producer = Builder(config, generation, statistics: _metrics).Build();
            if (ProducerSettings.Prompt(_options, _connection.BootstrapServers, config) is { } prompt)
            {
                generation.Prompt = Builder(prompt, generation, statistics: false).Build();
            }

            return generation;
        }
        catch (Exception e) when (e is ArgumentException or KafkaException)
        {
            throw new InvalidOperationException(
                $"librdkafka refused the producer settings; check Kafka:Producer ({string.Join(", ", _options.Producer.Keys)}): {e.Message}", e);
        }
    }

    private ProducerBuilder<byte[]?, byte[]?> Builder(ProducerConfig config, ProducerGeneration generation, bool statistics)
    {
        var builder = new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(_logger, message))
            .SetErrorHandler((_, error) => OnError(generation, error));
        if (statistics)
        {
            builder.SetStatisticsHandler((_, statistics) => KafkaStatistics.Keep(statistics));
        }

        if (_options.Security.Mode == KafkaSecurityMode.AwsMskIam)
        {
            builder.SetOAuthBearerTokenRefreshHandler(_services.GetRequiredService<MskIamTokenRefresher>().Refresh);
        }

        return builder;
    }

    /// <summary>Runs on librdkafka's thread: note the error and return; a rebuild runs elsewhere.</summary>
    private void OnError(ProducerGeneration generation, Error error)
    {
        if (!error.IsFatal)
        {
            LogClientError(_logger, error.Code.ToString(), error.Reason);
            return;
        }

        if (!generation.MarkFatal($"{error.Code}: {error.Reason}"))
        {
            return;
        }

        if (_time.GetUtcNow() - generation.Built >= StableAfter)
        {
            Interlocked.Exchange(ref _fatalInARow, 0);
        }

        var wait = TimeSpan.FromSeconds(Math.Min(LongestWait.TotalSeconds, Math.Pow(2, Interlocked.Increment(ref _fatalInARow) - 1)));
        LogFatal(_logger, generation.Number, error.Code.ToString(), error.Reason, KafkaPermissions.Explain(error), wait.TotalSeconds);
        _ = Task.Run(() => RebuildAsync(generation, wait));
    }

    private async Task RebuildAsync(ProducerGeneration failed, TimeSpan wait)
    {
        while (true)
        {
            try
            {
                await Task.Delay(wait, _time, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var next = Build(failed.Number + 1);
                _current = next;
                Rebuilds.Inc();
                LogRebuilt(_logger, next.Number, next.Producer.Name);
                Retire(failed);
                return;
            }
            catch (InvalidOperationException e)
            {
                wait = TimeSpan.FromSeconds(Math.Min(LongestWait.TotalSeconds, wait.TotalSeconds * 2));
                LogRebuildFailed(_logger, e.Message, wait.TotalSeconds);
            }
        }
    }

    /// <summary>
    /// Lets the failed producer answer what it still holds (librdkafka purged its queue when it raised the
    /// fatal error, answering those records; requests in flight end within the delivery timeout), then closes it.
    /// </summary>
    private void Retire(ProducerGeneration failed)
    {
        var retiring = Task.Run(() =>
        {
            var left = failed.Close(_flushTimeout);
            if (left > 0)
            {
                LogUnflushed(_logger, left);
            }
        });
        lock (_retiring)
        {
            _retiring.RemoveAll(t => t.IsCompleted);
            _retiring.Add(retiring);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Kafka client error {Code}: {Reason}")]
    private static partial void LogClientError(ILogger logger, string code, string reason);

    [LoggerMessage(LogLevel.Error, "Kafka producer {Generation} failed fatally with {Code}: {Reason}.{Permission} Its records are answered retriable, "
        + "produce requests get 503 and readiness is 503 until a new producer is built in {WaitSeconds} s.")]
    private static partial void LogFatal(ILogger logger, int generation, string code, string reason, string permission, double waitSeconds);

    [LoggerMessage(LogLevel.Information, "Kafka producer {Generation} ({Name}) built after a fatal error; producing again with a new producer id")]
    private static partial void LogRebuilt(ILogger logger, int generation, string name);

    [LoggerMessage(LogLevel.Error, "A new Kafka producer could not be built ({Reason}); trying again in {WaitSeconds} s")]
    private static partial void LogRebuildFailed(ILogger logger, string reason, double waitSeconds);

    [LoggerMessage(LogLevel.Error, "{Count} records were still unacknowledged when the producer closed")]
    private static partial void LogUnflushed(ILogger logger, int count);
}
