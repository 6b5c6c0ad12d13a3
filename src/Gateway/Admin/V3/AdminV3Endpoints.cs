using Gateway.Http;
using Gateway.Security;

namespace Gateway.Admin.V3;

/// <summary>kafka-rest v3's read-only admin resources under <c>/v3/clusters</c>; every one needs the caller's admin permission.</summary>
internal static class AdminV3Endpoints
{
    public static IServiceCollection AddAdminV3(this IServiceCollection services)
    {
        services.AddSingleton<AdminScope>();
        return services;
    }

    public static IEndpointRouteBuilder MapAdminV3(this IEndpointRouteBuilder endpoints)
    {
        var clusters = endpoints.MapGroup("/v3/clusters").WithTags("Admin v3").RequirePermission(Permission.Admin);
        Read<ResourceList<ClusterData>>(clusters.MapGet("/", ClusterResources.ListClusters), "ListClustersV3", "The cluster");
        Read<ClusterData>(clusters.MapGet("/{cluster_id}", ClusterResources.GetCluster), "GetClusterV3", "The cluster, with links to its brokers, topics and consumer groups");
        Read<ResourceList<BrokerData>>(clusters.MapGet("/{cluster_id}/brokers", ClusterResources.ListBrokers), "ListBrokersV3", "The cluster's brokers");
        Read<BrokerData>(clusters.MapGet("/{cluster_id}/brokers/{broker_id:int}", ClusterResources.GetBroker), "GetBrokerV3", "One broker");
        Read<ResourceList<ConfigData>>(clusters.MapGet("/{cluster_id}/brokers/{broker_id:int}/configs", ClusterResources.ListBrokerConfigs), "ListBrokerConfigsV3", "A broker's configs");
        Read<ConfigData>(clusters.MapGet("/{cluster_id}/brokers/{broker_id:int}/configs/{name}", ClusterResources.GetBrokerConfig), "GetBrokerConfigV3", "One broker config");
        Read<ResourceList<TopicData>>(clusters.MapGet("/{cluster_id}/topics", TopicResources.ListTopics), "ListTopicsV3", "The cluster's topics");
        Read<TopicData>(clusters.MapGet("/{cluster_id}/topics/{topic}", TopicResources.GetTopic), "GetTopicV3", "One topic");
        Read<ResourceList<ConfigData>>(clusters.MapGet("/{cluster_id}/topics/{topic}/configs", TopicResources.ListTopicConfigs), "ListTopicConfigsV3", "A topic's configs");
        Read<ConfigData>(clusters.MapGet("/{cluster_id}/topics/{topic}/configs/{name}", TopicResources.GetTopicConfig), "GetTopicConfigV3", "One topic config");
        Read<ResourceList<PartitionData>>(clusters.MapGet("/{cluster_id}/topics/{topic}/partitions", TopicResources.ListPartitions), "ListPartitionsV3", "A topic's partitions");
        Read<PartitionData>(clusters.MapGet("/{cluster_id}/topics/{topic}/partitions/{partition_id:int}", TopicResources.GetPartition), "GetPartitionV3", "One partition");
        Read<PartitionWithOffsetsData>(clusters.MapGet("/{cluster_id}/topics/{topic}/partitions/{partition_id:int}/offset", TopicResources.GetPartitionOffsets),
            "GetPartitionOffsetsV3", "A partition's earliest and latest offsets (offset_type=earliest_and_latest)");
        Read<ResourceList<ReplicaData>>(clusters.MapGet("/{cluster_id}/topics/{topic}/partitions/{partition_id:int}/replicas", TopicResources.ListReplicas), "ListReplicasV3", "A partition's replicas");
        Read<ReplicaData>(clusters.MapGet("/{cluster_id}/topics/{topic}/partitions/{partition_id:int}/replicas/{broker_id:int}", TopicResources.GetReplica), "GetReplicaV3", "One replica");
        Read<ResourceList<ConsumerGroupData>>(clusters.MapGet("/{cluster_id}/consumer-groups", ConsumerGroupResources.ListGroups), "ListConsumerGroupsV3", "Consumer groups");
        Read<ConsumerGroupData>(clusters.MapGet("/{cluster_id}/consumer-groups/{consumer_group_id}", ConsumerGroupResources.GetGroup), "GetConsumerGroupV3", "One consumer group");
        Read<ResourceList<ConsumerData>>(clusters.MapGet("/{cluster_id}/consumer-groups/{consumer_group_id}/consumers", ConsumerGroupResources.ListConsumers), "ListConsumersV3", "A group's consumers");
        Read<ConsumerData>(clusters.MapGet("/{cluster_id}/consumer-groups/{consumer_group_id}/consumers/{consumer_id}", ConsumerGroupResources.GetConsumer), "GetConsumerV3", "One consumer");
        Read<ResourceList<ConsumerAssignmentData>>(clusters.MapGet("/{cluster_id}/consumer-groups/{consumer_group_id}/consumers/{consumer_id}/assignments", ConsumerGroupResources.ListAssignments),
            "ListConsumerAssignmentsV3", "A consumer's assigned partitions");
        Read<ConsumerAssignmentData>(clusters.MapGet("/{cluster_id}/consumer-groups/{consumer_group_id}/consumers/{consumer_id}/assignments/{topic}/partitions/{partition_id:int}",
            ConsumerGroupResources.GetAssignment), "GetConsumerAssignmentV3", "One assignment");
        Read<ResourceList<ConsumerLagData>>(clusters.MapGet("/{cluster_id}/consumer-groups/{consumer_group_id}/lags", ConsumerGroupResources.ListLags), "ListConsumerLagsV3",
            "The group's lag on every partition it has committed on");
        Read<ConsumerLagData>(clusters.MapGet("/{cluster_id}/consumer-groups/{consumer_group_id}/lags/{topic}/partitions/{partition_id:int}", ConsumerGroupResources.GetLag),
            "GetConsumerLagV3", "The group's lag on one partition");
        Read<ConsumerGroupLagSummaryData>(clusters.MapGet("/{cluster_id}/consumer-groups/{consumer_group_id}/lag-summary", ConsumerGroupResources.GetLagSummary),
            "GetConsumerGroupLagSummaryV3", "The group's largest and total lag");
        return endpoints;
    }

    private static void Read<T>(RouteHandlerBuilder builder, string name, string summary) =>
        builder.WithName(name).WithSummary(summary)
            .WithDescription($"Parts the cluster cannot give (the embedded cluster serves no admin requests) are named in the {AdminAnswer<T>.UnavailableHeader} header.")
            .Produces<T>(StatusCodes.Status200OK, MediaTypes.Json)
            .ProducesJsonErrors(400, 401, 403, 404, 406, 503);
}
