using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Gateway.Http;
using Gateway.Kafka;
using Microsoft.Extensions.Options;

namespace Gateway.Topics;

/// <summary>Finds the topic a request names, creating it when that is allowed, or says why it cannot be used.</summary>
internal sealed class TopicCatalog(ClusterMetadata metadata, TopicProvisioner provisioner, ITopicCreation creation, IOptions<KafkaOptions> options)
{
    private const int CreationChecks = 20;
    private static readonly TimeSpan CreationPause = TimeSpan.FromMilliseconds(100);

    /// <param name="topic">The topic the request names.</param>
    /// <param name="refresh">Ask the cluster even when the topic was described recently.</param>
    public async Task<(TopicInfo? Topic, GatewayError? Error)> ResolveAsync(string topic, bool refresh = false)
    {
        if (TopicName.Problem(topic) is { } problem)
        {
            return (null, ErrorCatalog.InvalidTopicName(topic, problem));
        }

        if (refresh)
        {
            metadata.Forget(topic);
        }

        try
        {
            var found = await metadata.FindTopicAsync(topic).ConfigureAwait(false);
            if (found is not null)
            {
                return (found, null);
            }

            if (!options.Value.AutoCreateTopics || !creation.MayCreate(topic))
            {
                return (null, ErrorCatalog.TopicNotFound(topic));
            }

            await provisioner.CreateAsync(topic).ConfigureAwait(false);
            for (var check = 0; check < CreationChecks; check++)
            {
                metadata.Forget(topic);
                found = await metadata.FindTopicAsync(topic).ConfigureAwait(false);
                if (found is not null && found.Partitions.All(p => p.Leader >= 0))
                {
                    return (found, null);
                }

                await Task.Delay(CreationPause).ConfigureAwait(false);
            }

            return (null, ErrorCatalog.ClusterUnavailable($"topic {topic} was created but has no leaders yet."));
        }
        catch (CreateTopicsException e) when (e.Results.Any(r => r.Error.Code is ErrorCode.TopicAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed))
        {
            return (null, ErrorCatalog.TopicCreationForbidden(topic));
        }
        catch (KafkaException e)
        {
            return (null, ErrorCatalog.ClusterUnavailable(e.Error.Reason));
        }
    }
}
