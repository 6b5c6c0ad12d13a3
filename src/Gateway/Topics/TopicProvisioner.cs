using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Gateway.Kafka;
using Gateway.Kafka.Security;
using Microsoft.Extensions.Options;

namespace Gateway.Topics;

/// <summary>Creates topics the gateway is asked to produce to, when auto-creation is on.</summary>
internal sealed partial class TopicProvisioner(
    KafkaConnection connection, ClusterMetadata metadata, IOptions<KafkaOptions> options, ILogger<TopicProvisioner> logger)
{
    private readonly KafkaOptions _options = options.Value;

    /// <summary>Creates the topic; null when it exists now, else why it could not be created.</summary>
    public async Task<Http.GatewayError?> CreateAsync(string topic)
    {
        try
        {
            if (connection.Embedded is { } embedded)
            {
                var replication = _options.DefaultReplicationFactor > 0 ? _options.DefaultReplicationFactor : embedded.BrokerCount;
                embedded.CreateTopic(topic, _options.DefaultPartitions, replication);
            }
            else
            {
                await metadata.Admin.CreateTopicsAsync(
                    [new TopicSpecification { Name = topic, NumPartitions = _options.DefaultPartitions, ReplicationFactor = _options.DefaultReplicationFactor }],
                    new CreateTopicsOptions { RequestTimeout = TimeSpan.FromMilliseconds(_options.MetadataTimeoutMs) }).ConfigureAwait(false);
            }
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another instance created it first: that is what we wanted.
        }
        catch (CreateTopicsException e) when (e.Results.Any(r => r.Error.Code is ErrorCode.TopicAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed))
        {
            LogNotCreated(logger, topic, KafkaPermissions.ExplainCreate(topic));
            return Http.ErrorCatalog.TopicCreationForbidden(topic, KafkaPermissions.ExplainCreate(topic));
        }
        catch (Exception e) when (e is KafkaException or InvalidOperationException)
        {
            var reason = e is CreateTopicsException create && create.Results.FirstOrDefault(r => r.Error.IsError) is { } refused
                ? refused.Error.Reason
                : e.Message;
            LogNotCreated(logger, topic, reason);
            return Http.ErrorCatalog.TopicCreationFailed(topic, reason);
        }

        metadata.Forget(topic);
        LogCreated(logger, topic, _options.DefaultPartitions);
        return null;
    }

    [LoggerMessage(LogLevel.Error, "Topic {Topic} could not be created: {Reason}")]
    private static partial void LogNotCreated(ILogger logger, string topic, string reason);

    [LoggerMessage(LogLevel.Information, "Created topic {Topic} with {Partitions} partitions")]
    private static partial void LogCreated(ILogger logger, string topic, int partitions);
}
