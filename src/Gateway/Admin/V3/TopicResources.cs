using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Gateway.Http;
using static Gateway.Admin.V3.ClusterResources;

namespace Gateway.Admin.V3;

/// <summary>v3 topics, their configs, partitions, replicas and partition offsets.</summary>
internal static class TopicResources
{
    public static Task<IResult> ListTopics(string cluster_id, HttpRequest request, AdminScope scope) =>
        scope.RunAsync(request, cluster_id, view => Ok(
            new ResourceList<TopicData>("KafkaTopicList", view.Links.Collection("topics"),
                [.. view.Cluster.Metadata.Topics.Where(t => !t.Error.IsError && t.Partitions.Count > 0).OrderBy(t => t.Topic, StringComparer.Ordinal).Select(t => Topic(view, t))]),
            KafkaRestJson.Context.ResourceListTopicData, null));

    public static Task<IResult> GetTopic(string cluster_id, string topic, HttpRequest request, AdminScope scope) =>
        scope.RunAsync(request, cluster_id, view => view.Topic(topic) is { } found
            ? Ok(Topic(view, found), KafkaRestJson.Context.TopicData, null)
            : Fail(AdminErrors.TopicNotFound()));

    public static Task<IResult> ListTopicConfigs(string cluster_id, string topic, HttpRequest request, AdminScope scope) =>
        scope.RunAsync(request, cluster_id, async view =>
        {
            if (view.Topic(topic) is null)
            {
                return AdminErrors.Answer(AdminErrors.TopicNotFound());
            }

            var configs = await scope.Admin.DescribeConfigsAsync(ResourceType.Topic, topic);
            return new AdminAnswer<ResourceList<ConfigData>>(
                new ResourceList<ConfigData>("KafkaTopicConfigList", view.Links.Collection("topics", topic, "configs"),
                    [.. configs.Value.Select(c => TopicConfig(view, topic, c))]),
                KafkaRestJson.Context.ResourceListConfigData, configs.Unavailable);
        });

    public static Task<IResult> GetTopicConfig(string cluster_id, string topic, string name, HttpRequest request, AdminScope scope) =>
        scope.RunAsync(request, cluster_id, async view =>
        {
            if (view.Topic(topic) is null)
            {
                return AdminErrors.Answer(AdminErrors.TopicNotFound());
            }

            var configs = await scope.Admin.DescribeConfigsAsync(ResourceType.Topic, topic);
            return configs.Value.FirstOrDefault(c => c.Name == name) is { } config
                ? new AdminAnswer<ConfigData>(TopicConfig(view, topic, config), KafkaRestJson.Context.ConfigData, null)
                : AdminErrors.Answer(configs.Unavailable is { } why
                    ? new GatewayError(404, 404, $"Config {name} cannot be found for topic {topic} in cluster {view.ClusterId}: {why}.")
                    : AdminErrors.ConfigNotFound(name, "topic", topic, view.ClusterId));
        });

    public static Task<IResult> ListPartitions(string cluster_id, string topic, HttpRequest request, AdminScope scope) =>
        scope.RunAsync(request, cluster_id, view => view.Topic(topic) is { } found
            ? Ok(new ResourceList<PartitionData>("KafkaPartitionList", view.Links.Collection("topics", topic, "partitions"),
                [.. found.Partitions.OrderBy(p => p.PartitionId).Select(p => Partition(view, topic, p))]), KafkaRestJson.Context.ResourceListPartitionData, null)
            : Fail(AdminErrors.TopicNotFound()));

    public static Task<IResult> GetPartition(string cluster_id, string topic, int partition_id, HttpRequest request, AdminScope scope) =>
        WithPartition(request, scope, cluster_id, topic, partition_id, (view, p) =>
            Ok(Partition(view, topic, p), KafkaRestJson.Context.PartitionData, null));

    public static Task<IResult> ListReplicas(string cluster_id, string topic, int partition_id, HttpRequest request, AdminScope scope) =>
        WithPartition(request, scope, cluster_id, topic, partition_id, (view, p) =>
            Ok(new ResourceList<ReplicaData>("KafkaReplicaList", view.Links.Collection("topics", topic, "partitions", Id(partition_id), "replicas"),
                [.. p.Replicas.Select(b => Replica(view, topic, p, b))]), KafkaRestJson.Context.ResourceListReplicaData, null));

    public static Task<IResult> GetReplica(string cluster_id, string topic, int partition_id, int broker_id, HttpRequest request, AdminScope scope) =>
        WithPartition(request, scope, cluster_id, topic, partition_id, (view, p) => p.Replicas.Contains(broker_id)
            ? Ok(Replica(view, topic, p, broker_id), KafkaRestJson.Context.ReplicaData, null)
            : Fail(AdminErrors.ReplicaNotFound(broker_id)));

    public static Task<IResult> GetPartitionOffsets(
        string cluster_id, string topic, int partition_id, string? offset_type, HttpRequest request, AdminScope scope)
    {
        var offsetType = offset_type ?? "earliest_and_latest";
        if (offsetType != "earliest_and_latest")
        {
            return Fail(AdminErrors.BadOffsetType(offsetType));
        }

        return WithPartition(request, scope, cluster_id, topic, partition_id, async (view, p) =>
        {
            var (earliest, latest) = await scope.Admin.PartitionOffsetsAsync(topic, partition_id);
            return new AdminAnswer<PartitionWithOffsetsData>(new PartitionWithOffsetsData("KafkaPartitionWithOffsets",
                view.Links.Metadata(["topics", topic, "partitions", Id(partition_id), "offset"], "topic", topic, "partition", Id(partition_id), "offset_type", offsetType),
                view.ClusterId, topic, partition_id, earliest, latest), KafkaRestJson.Context.PartitionWithOffsetsData, null);
        });
    }

    private static Task<IResult> WithPartition(
        HttpRequest request, AdminScope scope, string clusterId, string topic, int partitionId, Func<AdminView, PartitionMetadata, Task<IResult>> answer) =>
        scope.RunAsync(request, clusterId, view => view.Topic(topic) is not { } found
            ? Fail(AdminErrors.TopicNotFound())
            : found.Partitions.FirstOrDefault(p => p.PartitionId == partitionId) is { } partition
                ? answer(view, partition)
                : Fail(AdminErrors.PartitionNotFound()));

    private static TopicData Topic(AdminView view, TopicMetadata topic) =>
        new("KafkaTopic", view.Links.Metadata(["topics", topic.Topic], "topic", topic.Topic), view.ClusterId, topic.Topic,
            topic.Topic.StartsWith("__", StringComparison.Ordinal), topic.Partitions.Count > 0 ? topic.Partitions[0].Replicas.Length : 0,
            topic.Partitions.Count, view.Links.Related("topics", topic.Topic, "partitions"), view.Links.Related("topics", topic.Topic, "configs"),
            view.Links.Related("topics", topic.Topic, "partitions", "-", "reassignment"));

    private static ConfigData TopicConfig(AdminView view, string topic, Kafka.ConfigView config) =>
        Config(view, null, topic, config, ["topics", topic, "configs", config.Name], ["topic", topic, "config", config.Name]);

    private static PartitionData Partition(AdminView view, string topic, PartitionMetadata partition)
    {
        var id = Id(partition.PartitionId);
        return new PartitionData("KafkaPartition", view.Links.Metadata(["topics", topic, "partitions", id], "topic", topic, "partition", id),
            view.ClusterId, topic, partition.PartitionId,
            partition.Leader >= 0 ? view.Links.Related("topics", topic, "partitions", id, "replicas", Id(partition.Leader)) : null,
            view.Links.Related("topics", topic, "partitions", id, "replicas"), view.Links.Related("topics", topic, "partitions", id, "reassignment"));
    }

    private static ReplicaData Replica(AdminView view, string topic, PartitionMetadata partition, int broker)
    {
        var id = Id(partition.PartitionId);
        return new ReplicaData("KafkaReplica",
            view.Links.Metadata(["topics", topic, "partitions", id, "replicas", Id(broker)], "topic", topic, "partition", id, "replica", Id(broker)),
            view.ClusterId, topic, partition.PartitionId, broker, broker == partition.Leader, partition.InSyncReplicas.Contains(broker),
            view.Links.Related("brokers", Id(broker)));
    }
}
