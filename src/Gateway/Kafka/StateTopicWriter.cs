using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Gateway.Kafka.Security;
using Microsoft.Extensions.Options;

namespace Gateway.Kafka;

/// <summary>
/// Writes to the topics the gateway keeps its own state in (the schema registry's), on connections of their own: a
/// producer with the record producer's settings (acks=all, idempotent, same cluster and security) that sends each
/// write at once, since a caller waits for it, instead of lingering for a batch or queueing behind record traffic;
/// and end offsets asked over the same connections, where no fetch waits for new records ahead of the answer.
/// </summary>
internal sealed class StateTopicWriter : IRecordProducer, IDisposable
{
    private readonly RecordProducer _producer;
    private readonly Lock _adminLock = new();
    private (string Producer, IAdminClient Client)? _admin;

    public StateTopicWriter(
        KafkaConnection connection, IOptions<KafkaOptions> options, IServiceProvider services, TimeProvider time, RefusalLog refusals,
        ILogger<StateTopicWriter> logger)
    {
        _producer = RecordProducer.ForStateTopics(connection, options.Value, services, time, refusals, logger);
    }

    public string? Problem => _producer.Problem;

    public Task<DeliveryOutcome[]> ProduceAsync(string topic, IReadOnlyList<ProduceRecord> records) => _producer.ProduceAsync(topic, records);

    /// <summary>The partition's end offset (its high watermark): every acknowledged record is before it.</summary>
    /// <exception cref="KafkaException">The cluster did not answer in time, or answered with an error.</exception>
    public async Task<long> EndOffsetAsync(TopicPartition partition, TimeSpan timeout)
    {
        var answer = await Admin().ListOffsetsAsync(
            [new TopicPartitionOffsetSpec { TopicPartition = partition, OffsetSpec = OffsetSpec.Latest() }],
            new ListOffsetsOptions { RequestTimeout = timeout });
        return answer.ResultInfos[0].TopicPartitionOffsetError.Offset.Value;
    }

    public void Dispose()
    {
        lock (_adminLock)
        {
            _admin?.Client.Dispose();
        }

        _producer.Dispose();
    }

    /// <summary>An admin client on the current producer's connections, made anew when a fatal error replaced the producer.</summary>
    private IAdminClient Admin()
    {
        // By the client's name, unique to each librdkafka client: Handle is a new wrapper object on every read.
        var (producer, handle) = _producer.Client;
        lock (_adminLock)
        {
            if (_admin is not { } admin || admin.Producer != producer)
            {
                _admin?.Client.Dispose();
                admin = (producer, new DependentAdminClientBuilder(handle).Build());
                _admin = admin;
            }

            return admin.Client;
        }
    }
}
