using Confluent.Kafka;
using Gateway.Kafka.Security;
using Microsoft.Extensions.Options;

namespace Gateway.Kafka;

/// <summary>The one librdkafka producer for the life of the process; flushed when the process stops.</summary>
internal sealed partial class RecordProducer : IRecordProducer, IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly ILogger _logger;
    private readonly TimeSpan _flushTimeout;
    private int _disposed;

    public RecordProducer(
        KafkaConnection connection, IOptions<KafkaOptions> options, IServiceProvider services, ILogger<RecordProducer> logger)
        : this(ProducerSettings.Build(options.Value, connection.BootstrapServers), options.Value, services, logger, recordStatistics: true)
    {
    }

    private RecordProducer(ProducerConfig config, KafkaOptions options, IServiceProvider services, ILogger logger, bool recordStatistics)
    {
        _logger = logger;
        _flushTimeout = TimeSpan.FromMilliseconds(options.DeliveryTimeoutMs);
        try
        {
            var builder = new ProducerBuilder<byte[]?, byte[]?>(config)
                .SetLogHandler((_, message) => LogLibrdkafka(logger, message.Level.ToString(), message.Facility, message.Message))
                .SetErrorHandler((_, error) => LogClientError(logger, error.Code.ToString(), error.Reason));
            if (recordStatistics)
            {
                builder.SetStatisticsHandler((_, statistics) => KafkaStatistics.Record(statistics));
            }

            if (options.Security.Mode == KafkaSecurityMode.AwsMskIam)
            {
                builder.SetOAuthBearerTokenRefreshHandler(services.GetRequiredService<MskIamTokenRefresher>().Refresh);
            }

            _producer = builder.Build();
        }
        catch (Exception e) when (e is ArgumentException or KafkaException)
        {
            throw new InvalidOperationException(
                $"librdkafka refused the producer settings; check Kafka:Producer ({string.Join(", ", options.Producer.Keys)}): {e.Message}", e);
        }
    }

    /// <summary>A second producer with the same settings, for writes to the gateway's own state topics (<see cref="StateTopicWriter"/>).</summary>
    public static RecordProducer ForStateTopics(KafkaConnection connection, KafkaOptions options, IServiceProvider services, ILogger logger) =>
        new(ProducerSettings.BuildForStateTopics(options, connection.BootstrapServers), options, services, logger, recordStatistics: false);

    /// <summary>The librdkafka handle, for clients that share the producer's connections.</summary>
    public Handle Handle => _producer.Handle;

    public Task<DeliveryOutcome[]> ProduceAsync(string topic, IReadOnlyList<ProduceRecord> records)
    {
        if (records.Count == 0)
        {
            return Task.FromResult<DeliveryOutcome[]>([]);
        }

        var batch = new DeliveryBatch(records.Count);
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
                    _producer.Produce(new TopicPartition(topic, partition), message, report => batch.Report(index, report));
                }
                else
                {
                    _producer.Produce(topic, message, report => batch.Report(index, report));
                }
            }
            catch (ProduceException<byte[]?, byte[]?> e)
            {
                batch.Complete(index, DeliveryOutcome.Failed(e.Error));
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

        var left = _producer.Flush(_flushTimeout);
        if (left > 0)
        {
            LogUnflushed(_logger, left);
        }

        _producer.Dispose();
    }

    [LoggerMessage(LogLevel.Debug, "librdkafka {Level} {Facility}: {Message}")]
    private static partial void LogLibrdkafka(ILogger logger, string level, string facility, string message);

    [LoggerMessage(LogLevel.Warning, "Kafka client error {Code}: {Reason}")]
    private static partial void LogClientError(ILogger logger, string code, string reason);

    [LoggerMessage(LogLevel.Error, "{Count} records were still unacknowledged when the producer closed")]
    private static partial void LogUnflushed(ILogger logger, int count);
}
