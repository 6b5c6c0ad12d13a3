using Confluent.Kafka;
using Gateway.Http;
using Gateway.Kafka;
using static Gateway.Admin.V3.ClusterResources;

namespace Gateway.Admin.V3;

/// <summary>v3 consumer groups, their consumers and assignments, and lag as kafka-rest defines it.</summary>
internal static class ConsumerGroupResources
{
    public static Task<IResult> ListGroups(string cluster_id, HttpRequest request, AdminScope scope) =>
        scope.RunAsync(request, cluster_id, async view =>
        {
            var groups = await scope.Admin.ListGroupsAsync();
            return new AdminAnswer<ResourceList<ConsumerGroupData>>(
                new ResourceList<ConsumerGroupData>("KafkaConsumerGroupList", view.Links.Collection("consumer-groups"), [.. groups.Value.Select(g => Group(view, g))]),
                KafkaRestJson.Context.ResourceListConsumerGroupData, groups.Unavailable);
        });

    public static Task<IResult> GetGroup(string cluster_id, string consumer_group_id, HttpRequest request, AdminScope scope) =>
        WithGroup(request, scope, cluster_id, consumer_group_id, (view, group, unavailable) =>
            Ok(Group(view, group), KafkaRestJson.Context.ConsumerGroupData, unavailable));

    public static Task<IResult> ListConsumers(string cluster_id, string consumer_group_id, HttpRequest request, AdminScope scope) =>
        WithGroup(request, scope, cluster_id, consumer_group_id, (view, group, unavailable) =>
            Ok(new ResourceList<ConsumerData>("KafkaConsumerList", view.Links.Collection("consumer-groups", group.GroupId, "consumers"),
                [.. group.Members.Select(m => Consumer(view, group, m))]), KafkaRestJson.Context.ResourceListConsumerData, unavailable));

    public static Task<IResult> GetConsumer(string cluster_id, string consumer_group_id, string consumer_id, HttpRequest request, AdminScope scope) =>
        WithMember(request, scope, cluster_id, consumer_group_id, consumer_id, (view, group, member, unavailable) =>
            Ok(Consumer(view, group, member), KafkaRestJson.Context.ConsumerData, unavailable));

    public static Task<IResult> ListAssignments(string cluster_id, string consumer_group_id, string consumer_id, HttpRequest request, AdminScope scope) =>
        WithMember(request, scope, cluster_id, consumer_group_id, consumer_id, (view, group, member, unavailable) =>
            Ok(new ResourceList<ConsumerAssignmentData>("KafkaConsumerAssignmentList",
                view.Links.Collection("consumer-groups", group.GroupId, "consumers", member.ConsumerId, "assignments"),
                [.. member.Assignments.Select(a => Assignment(view, group, member, a))]), KafkaRestJson.Context.ResourceListConsumerAssignmentData, unavailable));

    public static Task<IResult> GetAssignment(
        string cluster_id, string consumer_group_id, string consumer_id, string topic, int partition_id, HttpRequest request, AdminScope scope) =>
        WithMember(request, scope, cluster_id, consumer_group_id, consumer_id, (view, group, member, unavailable) =>
            member.Assignments.FirstOrDefault(a => a.Topic == topic && a.Partition.Value == partition_id) is { } assignment
                ? Ok(Assignment(view, group, member, assignment), KafkaRestJson.Context.ConsumerAssignmentData, unavailable)
                : Fail(AdminErrors.AssignmentNotFound()));

    public static Task<IResult> ListLags(string cluster_id, string consumer_group_id, HttpRequest request, AdminScope scope) =>
        WithLags(request, scope, cluster_id, consumer_group_id, (view, group, lags, unavailable) =>
            Ok(new ResourceList<ConsumerLagData>("KafkaConsumerLagList", view.Links.Collection("consumer-groups", group.GroupId, "lags"),
                [.. lags.Select(l => Lag(view, group, l))]), KafkaRestJson.Context.ResourceListConsumerLagData, unavailable));

    public static Task<IResult> GetLag(string cluster_id, string consumer_group_id, string topic, int partition_id, HttpRequest request, AdminScope scope) =>
        WithLags(request, scope, cluster_id, consumer_group_id, (view, group, lags, unavailable) =>
            lags.FirstOrDefault(l => l.Partition.Topic == topic && l.Partition.Partition.Value == partition_id) is { } lag
                ? Ok(Lag(view, group, lag), KafkaRestJson.Context.ConsumerLagData, unavailable)
                : Fail(AdminErrors.LagNotFound()));

    public static Task<IResult> GetLagSummary(string cluster_id, string consumer_group_id, HttpRequest request, AdminScope scope) =>
        WithLags(request, scope, cluster_id, consumer_group_id, (view, group, lags, unavailable) =>
        {
            // kafka-rest: the partition with the largest lag (the first of equals), and the sum over all.
            var max = lags.Aggregate((best, next) => next.Lag > best.Lag ? next : best);
            var links = view.Links;
            var summary = new ConsumerGroupLagSummaryData("KafkaConsumerGroupLagSummary",
                links.Metadata(["consumer-groups", group.GroupId, "lag-summary"], "consumer-group", group.GroupId, "lag-summary", null),
                view.ClusterId, group.GroupId, max.Member?.ConsumerId ?? "", NullIfEmpty(max.Member?.InstanceId), max.Member?.ClientId ?? "",
                max.Partition.Topic, max.Partition.Partition.Value, max.Lag, lags.Sum(l => l.Lag),
                links.Related("consumer-groups", group.GroupId, "consumers", max.Member?.ConsumerId ?? ""),
                links.Related("topics", max.Partition.Topic, "partitions", Id(max.Partition.Partition.Value)));
            return Ok(summary, KafkaRestJson.Context.ConsumerGroupLagSummaryData, unavailable);
        });

    private static Task<IResult> WithGroup(
        HttpRequest request, AdminScope scope, string clusterId, string groupId, Func<AdminView, GroupView, string?, Task<IResult>> answer) =>
        scope.RunAsync(request, clusterId, async view =>
        {
            var group = await scope.Admin.DescribeGroupAsync(groupId);
            return group.Value is { } found ? await answer(view, found, group.Unavailable) : AdminErrors.Answer(AdminErrors.GroupNotFound(groupId));
        });

    private static Task<IResult> WithMember(
        HttpRequest request, AdminScope scope, string clusterId, string groupId, string consumerId,
        Func<AdminView, GroupView, KnownConsumer, string?, Task<IResult>> answer) =>
        WithGroup(request, scope, clusterId, groupId, (view, group, unavailable) =>
            group.Members.FirstOrDefault(m => m.ConsumerId == consumerId) is { } member
                ? answer(view, group, member, unavailable)
                : Fail(AdminErrors.ConsumerNotFound(consumerId)));

    /// <summary>
    /// kafka-rest's lag: for every partition the group has committed an offset on, the latest offset a
    /// read-committed consumer sees minus the committed offset, never below 0, with the member assigned to it.
    /// </summary>
    private static Task<IResult> WithLags(
        HttpRequest request, AdminScope scope, string clusterId, string groupId,
        Func<AdminView, GroupView, IReadOnlyList<PartitionLag>, string?, Task<IResult>> answer) =>
        WithGroup(request, scope, clusterId, groupId, async (view, group, unavailable) =>
        {
            var committed = await scope.Admin.CommittedOffsetsAsync(groupId);
            if (committed.Count == 0)
            {
                return AdminErrors.Answer(AdminErrors.OffsetsNotFound());
            }

            var ends = await scope.Admin.CommittedEndsAsync([.. committed.Keys]);
            var lags = committed.Where(c => ends.ContainsKey(c.Key))
                .OrderBy(c => c.Key.Topic, StringComparer.Ordinal).ThenBy(c => c.Key.Partition.Value)
                .Select(c => new PartitionLag(c.Key, c.Value, ends[c.Key],
                    group.Members.FirstOrDefault(m => m.Assignments.Any(a => a.Topic == c.Key.Topic && a.Partition == c.Key.Partition))))
                .ToArray();
            return lags.Length == 0 ? AdminErrors.Answer(AdminErrors.OffsetsNotFound()) : await answer(view, group, lags, unavailable);
        });

    private static ConsumerGroupData Group(AdminView view, GroupView group)
    {
        var links = view.Links;
        return new ConsumerGroupData("KafkaConsumerGroup",
            links.Metadata(["consumer-groups", group.GroupId], "consumer-group", group.GroupId), view.ClusterId, group.GroupId, group.IsSimple,
            group.PartitionAssignor, group.State, group.Type, group.IsMixed, links.Related("brokers", Id(group.CoordinatorId)),
            links.Related("consumer-groups", group.GroupId, "consumers"), links.Related("consumer-groups", group.GroupId, "lag-summary"));
    }

    private static ConsumerData Consumer(AdminView view, GroupView group, KnownConsumer member) =>
        new("KafkaConsumer",
            view.Links.Metadata(["consumer-groups", group.GroupId, "consumers", member.ConsumerId], "consumer-group", group.GroupId, "consumer", member.ConsumerId),
            view.ClusterId, group.GroupId, member.ConsumerId, NullIfEmpty(member.InstanceId), member.ClientId,
            view.Links.Related("consumer-groups", group.GroupId, "consumers", member.ConsumerId, "assignments"));

    private static ConsumerAssignmentData Assignment(AdminView view, GroupView group, KnownConsumer member, TopicPartition assignment)
    {
        var partition = Id(assignment.Partition.Value);
        return new ConsumerAssignmentData("KafkaConsumerAssignment",
            view.Links.Metadata(["consumer-groups", group.GroupId, "consumers", member.ConsumerId, "assignments", assignment.Topic, "partitions", partition],
                "consumer-group", group.GroupId, "consumer", member.ConsumerId, "assignment", assignment.Topic, "partition", partition),
            view.ClusterId, group.GroupId, member.ConsumerId, assignment.Topic, assignment.Partition.Value,
            view.Links.Related("topics", assignment.Topic, "partitions", partition),
            view.Links.Related("consumer-groups", group.GroupId, "lags", assignment.Topic, "partitions", partition));
    }

    private static ConsumerLagData Lag(AdminView view, GroupView group, PartitionLag lag)
    {
        var partition = Id(lag.Partition.Partition.Value);
        return new ConsumerLagData("KafkaConsumerLag",
            view.Links.Metadata(["consumer-groups", group.GroupId, "lags", lag.Partition.Topic, "partitions", partition],
                "consumer-group", group.GroupId, "lag", lag.Partition.Topic, "partition", partition),
            view.ClusterId, group.GroupId, lag.Partition.Topic, lag.Partition.Partition.Value, lag.Committed, lag.End, lag.Lag,
            lag.Member?.ConsumerId ?? "", NullIfEmpty(lag.Member?.InstanceId), lag.Member?.ClientId ?? "");
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private sealed record PartitionLag(TopicPartition Partition, long Committed, long End, KnownConsumer? Member)
    {
        public long Lag => Math.Max(0, End - Committed);
    }
}
