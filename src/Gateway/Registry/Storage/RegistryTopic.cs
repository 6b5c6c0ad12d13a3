using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Gateway.Kafka;
using Microsoft.Extensions.Options;

namespace Gateway.Registry.Storage;

/// <summary>
/// Makes sure the registry topic exists: one partition (the order of records is the order of writes), compacted
/// (only the last record of each key matters), with the cluster's replication.
/// </summary>
internal sealed partial class RegistryTopic(
    KafkaConnection connection, ClusterMetadata metadata, IOptions<KafkaOptions> kafka, ILogger<RegistryTopic> logger)
{
    /// <summary>Creates the topic when missing; answers why it cannot be used, or null.</summary>
    public async Task<string?> EnsureAsync(string topic)
    {
        try
        {
            var existing = await metadata.FindTopicAsync(topic);
            if (existing is not null)
            {
                return existing.Partitions.Count == 1
                    ? null
                    : $"the registry topic {topic} has {existing.Partitions.Count} partitions; it must have exactly 1 so every instance reads writes in one order";
            }

            if (connection.Embedded is { } embedded)
            {
                // The embedded cluster cannot be asked to compact (it answers no admin requests) and keeps a bounded
                // window of records per partition; its records are lost with the process anyway.
                embedded.CreateTopic(topic, 1, embedded.BrokerCount);
            }
            else
            {
                await CreateCompactedAsync(topic);
            }

            metadata.Forget(topic);
            LogCreated(logger, topic);
            return null;
        }
        catch (KafkaException e)
        {
            return $"the registry topic {topic} could not be found or created: {e.Error.Reason}";
        }
    }

    private async Task CreateCompactedAsync(string topic)
    {
        try
        {
            await metadata.Admin.CreateTopicsAsync(
                [new TopicSpecification
                {
                    Name = topic,
                    NumPartitions = 1,
                    ReplicationFactor = kafka.Value.DefaultReplicationFactor,
                    Configs = new Dictionary<string, string> { ["cleanup.policy"] = "compact" },
                }],
                new CreateTopicsOptions { RequestTimeout = TimeSpan.FromMilliseconds(kafka.Value.MetadataTimeoutMs) });
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another instance created it first.
        }
    }

    [LoggerMessage(LogLevel.Information, "Created the schema registry topic {Topic} (1 partition, compacted)")]
    private static partial void LogCreated(ILogger logger, string topic);
}
