namespace Gateway.Kafka;

/// <summary>Consumer groups this gateway knows of, for clusters that cannot list them (no ListGroups/DescribeGroups).</summary>
internal interface IConsumerGroupDirectory
{
    IReadOnlyList<KnownConsumerGroup> Groups();
}

internal sealed record KnownConsumerGroup(string GroupId, IReadOnlyList<KnownConsumer> Members);

internal sealed record KnownConsumer(string ConsumerId, string InstanceId, string ClientId, IReadOnlyList<Confluent.Kafka.TopicPartition> Assignments);
