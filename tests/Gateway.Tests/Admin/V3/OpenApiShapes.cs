using System.Text.Json;

namespace Gateway.Tests.Admin.V3;

/// <summary>
/// The v3 entity shapes of kafka-rest's OpenAPI document (<c>api/v3/openapi.yaml</c>, components.schemas),
/// written down here as field lists: each entity's required fields, its optional ones, and which of them are
/// relationships (<c>{"related": url}</c>). An answer passes when it has every required field and nothing else.
/// </summary>
internal static class OpenApiShapes
{
    private static readonly string[] Resource = ["kind", "metadata"];
    private static readonly string[] CollectionMetadata = ["self", "next"];
    private static readonly string[] EntityMetadata = ["self", "resource_name"];

    private static readonly Dictionary<string, (string[] Required, string[] Optional, string[] Relationships)> Entities = new()
    {
        ["KafkaCluster"] = (["cluster_id", "acls", "brokers", "broker_configs", "consumer_groups", "topics", "partition_reassignments"], ["controller"],
            ["controller", "acls", "brokers", "broker_configs", "consumer_groups", "topics", "partition_reassignments"]),
        ["KafkaBroker"] = (["cluster_id", "broker_id", "configs", "partition_replicas"], ["host", "port", "rack"], ["configs", "partition_replicas"]),
        ["KafkaBrokerConfig"] = (["cluster_id", "name", "is_default", "is_read_only", "is_sensitive", "source", "synonyms", "broker_id"], ["value"], []),
        ["KafkaTopicConfig"] = (["cluster_id", "name", "is_default", "is_read_only", "is_sensitive", "source", "synonyms", "topic_name"], ["value"], []),
        ["KafkaTopic"] = (["cluster_id", "topic_name", "is_internal", "replication_factor", "partitions_count", "partitions", "configs", "partition_reassignments"],
            ["authorized_operations"], ["partitions", "configs", "partition_reassignments"]),
        ["KafkaPartition"] = (["cluster_id", "topic_name", "partition_id", "replicas", "reassignment"], ["leader"], ["leader", "replicas", "reassignment"]),
        ["KafkaReplica"] = (["cluster_id", "topic_name", "partition_id", "broker_id", "is_leader", "is_in_sync", "broker"], [], ["broker"]),
        ["KafkaPartitionWithOffsets"] = (["cluster_id", "topic_name", "partition_id", "earliest_offset", "latest_offset"], [], []),
        ["KafkaConsumerGroup"] = (["cluster_id", "consumer_group_id", "is_simple", "partition_assignor", "state", "type", "is_mixed_consumer_group", "coordinator",
            "consumers", "lag_summary"], [], ["coordinator", "consumers", "lag_summary"]),
        ["KafkaConsumer"] = (["cluster_id", "consumer_group_id", "consumer_id", "client_id", "assignments"], ["instance_id"], ["assignments"]),
        ["KafkaConsumerAssignment"] = (["cluster_id", "consumer_group_id", "consumer_id", "topic_name", "partition_id", "partition", "lag"], [], ["partition", "lag"]),
        ["KafkaConsumerLag"] = (["cluster_id", "consumer_group_id", "topic_name", "partition_id", "current_offset", "log_end_offset", "lag", "consumer_id", "client_id"],
            ["instance_id"], []),
        ["KafkaConsumerGroupLagSummary"] = (["cluster_id", "consumer_group_id", "max_lag_consumer_id", "max_lag_client_id", "max_lag_topic_name",
            "max_lag_partition_id", "max_lag", "total_lag", "max_lag_consumer", "max_lag_partition"], ["max_lag_instance_id"], ["max_lag_consumer", "max_lag_partition"]),
    };

    /// <summary>Asserts an answer (an entity or a <c>...List</c> of them) has the shape its kind has in the OpenAPI document; returns its kind.</summary>
    public static string AssertShape(JsonElement answer, string publicBase)
    {
        var kind = answer.GetProperty("kind").GetString()!;
        var metadata = answer.GetProperty("metadata");
        Assert.StartsWith(publicBase + "/v3/clusters", metadata.GetProperty("self").GetString());
        if (kind.EndsWith("List", StringComparison.Ordinal))
        {
            Assert.Equal(["data", "kind", "metadata"], answer.EnumerateObject().Select(p => p.Name).Order());
            Assert.All(metadata.EnumerateObject(), p => Assert.Contains(p.Name, CollectionMetadata));
            foreach (var item in answer.GetProperty("data").EnumerateArray())
            {
                Assert.Equal(kind[..^"List".Length], AssertShape(item, publicBase));
            }

            return kind;
        }

        Assert.True(Entities.TryGetValue(kind, out var shape), $"{kind} is not a kind of kafka-rest's OpenAPI document");
        Assert.All(metadata.EnumerateObject(), p => Assert.Contains(p.Name, EntityMetadata));
        Assert.StartsWith("crn:///kafka=", metadata.GetProperty("resource_name").GetString());
        var names = answer.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.All(shape.Required.Concat(Resource), field => Assert.True(names.Contains(field), $"{kind} lacks {field}"));
        Assert.All(names, name => Assert.True(Resource.Contains(name) || shape.Required.Contains(name) || shape.Optional.Contains(name), $"{kind} has {name}, which the OpenAPI document does not"));
        foreach (var relationship in shape.Relationships.Where(names.Contains))
        {
            var related = answer.GetProperty(relationship);
            Assert.Equal(["related"], related.EnumerateObject().Select(p => p.Name));
            Assert.StartsWith(publicBase + "/v3/clusters/", related.GetProperty("related").GetString());
        }

        return kind;
    }
}
