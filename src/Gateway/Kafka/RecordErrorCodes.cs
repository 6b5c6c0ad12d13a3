using Confluent.Kafka;

namespace Gateway.Kafka;

/// <summary>
/// kafka-rest's per-record error codes for a record Kafka did not take: 40101 authentication,
/// 40301 authorization, 50003 retriable, 50002 anything else.
/// </summary>
internal static class RecordErrorCodes
{
    public const int Authentication = 40101;
    public const int Authorization = 40301;
    public const int Retriable = 50003;
    public const int NotRetriable = 50002;

    public static int For(DeliveryOutcome outcome) => outcome.Retriable ? Retriable : For(outcome.Error!);

    public static int For(Error error) => error.Code switch
    {
        ErrorCode.SaslAuthenticationFailed or ErrorCode.Local_Authentication or ErrorCode.IllegalSaslState
            or ErrorCode.UnsupportedSaslMechanism => Authentication,
        ErrorCode.TopicAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed
            or ErrorCode.TransactionalIdAuthorizationFailed => Authorization,
        ErrorCode.Local_MsgTimedOut or ErrorCode.Local_TimedOut or ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown
            or ErrorCode.Local_QueueFull or ErrorCode.RequestTimedOut or ErrorCode.NotLeaderForPartition
            or ErrorCode.LeaderNotAvailable or ErrorCode.NotEnoughReplicas or ErrorCode.NotEnoughReplicasAfterAppend
            or ErrorCode.NetworkException or ErrorCode.BrokerNotAvailable or ErrorCode.UnknownTopicOrPart
            or ErrorCode.KafkaStorageError or ErrorCode.NotController or ErrorCode.RebalanceInProgress
            // Purged from a producer that failed fatally and was replaced: not written (queue) or unknown (in flight).
            or ErrorCode.Local_PurgeQueue or ErrorCode.Local_PurgeInflight or ErrorCode.Local_Fatal => Retriable,
        _ => NotRetriable,
    };

    /// <summary>kafka-rest answers 401 or 403 when a record failed authentication or authorization, else 200.</summary>
    public static int StatusFor(IEnumerable<DeliveryOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            switch (outcome.Error is null ? 0 : For(outcome))
            {
                case Authentication:
                    return StatusCodes.Status401Unauthorized;
                case Authorization:
                    return StatusCodes.Status403Forbidden;
            }
        }

        return StatusCodes.Status200OK;
    }
}
