using Confluent.Kafka;

namespace Gateway.Kafka.Security;

/// <summary>
/// Names the operation Kafka refused and the permission it needs, as a Kafka ACL and as the MSK IAM
/// action, so a refusal in an answer, in readiness or in the log says what to grant.
/// </summary>
internal static class KafkaPermissions
{
    /// <summary>A fatal producer error: on an idempotent producer an authorization failure is its InitProducerId.</summary>
    public static string Explain(Error error) => error.Code switch
    {
        ErrorCode.ClusterAuthorizationFailed =>
            " Kafka refused InitProducerId, which the idempotent producer needs: grant IdempotentWrite on the cluster (MSK IAM: kafka-cluster:WriteDataIdempotently on the cluster ARN).",
        ErrorCode.TransactionalIdAuthorizationFailed =>
            " Kafka refused InitProducerId: grant IdempotentWrite on the cluster (MSK IAM: kafka-cluster:WriteDataIdempotently on the cluster ARN).",
        ErrorCode.SaslAuthenticationFailed or ErrorCode.Local_Authentication =>
            " Kafka refused the gateway's credentials (MSK IAM: kafka-cluster:Connect on the cluster ARN and a valid token).",
        _ => "",
    };

    /// <summary>A record Kafka refused to store.</summary>
    public static string ExplainProduce(Error error, string topic) => error.Code switch
    {
        ErrorCode.TopicAuthorizationFailed =>
            $" Kafka refused Produce to topic {topic}: grant Write on the topic (MSK IAM: kafka-cluster:WriteData and kafka-cluster:DescribeTopic on the topic ARN).",
        ErrorCode.ClusterAuthorizationFailed =>
            " Kafka refused the idempotent Produce: grant IdempotentWrite on the cluster (MSK IAM: kafka-cluster:WriteDataIdempotently on the cluster ARN).",
        _ => "",
    };

    /// <summary>A metadata request Kafka refused for a topic.</summary>
    public static string ExplainDescribe(string topic) =>
        $"Kafka refused Metadata for topic {topic}: grant Describe on the topic (MSK IAM: kafka-cluster:DescribeTopic on the topic ARN).";

    /// <summary>A topic creation Kafka refused.</summary>
    public static string ExplainCreate(string topic) =>
        $"Kafka refused CreateTopics for {topic}: grant Create on the topic (MSK IAM: kafka-cluster:CreateTopic on the topic ARN), or create it beforehand.";
}
