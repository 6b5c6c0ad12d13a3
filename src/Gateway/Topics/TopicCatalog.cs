using Confluent.Kafka;
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

            if (await provisioner.CreateAsync(topic).ConfigureAwait(false) is { } creationError)
            {
                return (null, creationError);
            }

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
        catch (KafkaException e) when (e.Error.Code == ErrorCode.TopicAuthorizationFailed)
        {
            return (null, ErrorCatalog.KafkaRefused(e.Error.Reason));
        }
        catch (KafkaException e)
        {
            return (null, ErrorCatalog.ClusterUnavailable(e.Error.Reason));
        }
    }
}
