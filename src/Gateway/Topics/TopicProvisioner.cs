using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Gateway.Kafka;
using Microsoft.Extensions.Options;

namespace Gateway.Topics;

/// <summary>Creates topics the gateway is asked to produce to, when auto-creation is on.</summary>
internal sealed partial class TopicProvisioner(
    KafkaConnection connection, ClusterMetadata metadata, IOptions<KafkaOptions> options, ILogger<TopicProvisioner> logger)
{
    private readonly KafkaOptions _options = options.Value;

    /// <exception cref="KafkaException">The cluster refused or did not answer.</exception>
    public async Task CreateAsync(string topic)
    {
        if (connection.Embedded is { } embedded)
        {
            var replication = _options.DefaultReplicationFactor > 0 ? _options.DefaultReplicationFactor : embedded.BrokerCount;
            embedded.CreateTopic(topic, _options.DefaultPartitions, replication);
        }
        else
        {
            try
            {
                await metadata.Admin.CreateTopicsAsync(
                    [new TopicSpecification { Name = topic, NumPartitions = _options.DefaultPartitions, ReplicationFactor = _options.DefaultReplicationFactor }],
                    new CreateTopicsOptions { RequestTimeout = TimeSpan.FromMilliseconds(_options.MetadataTimeoutMs) }).ConfigureAwait(false);
            }
            catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
            {
                // Another instance created it first: that is what we wanted.
            }
        }

        metadata.Forget(topic);
        LogCreated(logger, topic, _options.DefaultPartitions);
    }

    [LoggerMessage(LogLevel.Information, "Created topic {Topic} with {Partitions} partitions")]
    private static partial void LogCreated(ILogger logger, string topic, int partitions);
}
