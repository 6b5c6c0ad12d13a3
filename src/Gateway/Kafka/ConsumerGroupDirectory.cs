namespace Gateway.Kafka;

/// <summary>
/// Consumer groups this gateway knows of from its own consumer instances: the embedded cluster answers
/// no ListGroups or DescribeGroups, so the v3 admin view asks here first.
/// </summary>
internal interface IConsumerGroupDirectory
{
    IReadOnlyList<KnownConsumerGroup> Groups();
}

/// <summary>A consumer group and its members as the gateway knows them.</summary>
internal sealed record KnownConsumerGroup(string GroupId, IReadOnlyList<KnownConsumer> Members);

/// <summary>One member of a group: its member id, group instance id (may be empty), client id and assigned partitions.</summary>
internal sealed record KnownConsumer(string ConsumerId, string InstanceId, string ClientId, IReadOnlyList<Confluent.Kafka.TopicPartition> Assignments);

/// <summary>The directory of a gateway that runs no consumers of its own: it knows no groups.</summary>
internal sealed class NoConsumerGroups : IConsumerGroupDirectory
{
    public IReadOnlyList<KnownConsumerGroup> Groups() => [];
}
