namespace Gateway.Topics;

/// <summary>Whether a topic that does not exist may be created for the request at hand (with <c>Kafka:AutoCreateTopics</c> on).</summary>
internal interface ITopicCreation
{
    bool MayCreate(string topic);
}

/// <summary>Every request may have topics created; the security feature replaces this with a per-caller rule.</summary>
internal sealed class AnyTopicCreation : ITopicCreation
{
    public bool MayCreate(string topic) => true;
}
