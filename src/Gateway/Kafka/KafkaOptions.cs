namespace Gateway.Kafka;

/// <summary>The <c>Kafka</c> configuration section: where the cluster is and how records are produced.</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>Comma-separated <c>host:port</c> list. Empty starts the embedded in-memory cluster.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>How long Kafka may take to acknowledge a record before the client is told it failed (ms).
    /// Kept below API Gateway's 29 s integration timeout.</summary>
    public int DeliveryTimeoutMs { get; set; } = 25_000;

    /// <summary>Create a topic on first use when it does not exist; otherwise answer 404 / 40401.</summary>
    public bool AutoCreateTopics { get; set; }

    /// <summary>Partition count of topics the gateway creates.</summary>
    public int DefaultPartitions { get; set; } = 3;

    /// <summary>Replication factor of topics the gateway creates; -1 takes the broker's default.</summary>
    public short DefaultReplicationFactor { get; set; } = -1;

    /// <summary>How long topic metadata is trusted before it is asked for again (ms).</summary>
    public int MetadataMaxAgeMs { get; set; } = 30_000;

    /// <summary>How long a metadata or admin request may take (ms).</summary>
    public int MetadataTimeoutMs { get; set; } = 5_000;

    /// <summary>Broker count of the embedded cluster.</summary>
    public int EmbeddedBrokers { get; set; } = 3;

    /// <summary>
    /// Up to how many records waiting for Kafka (the request's own included) are sent at once rather than
    /// held for <c>linger.ms</c>. With so few there is nothing to batch them with, so they go to a second
    /// producer with linger 0 and the answer does not wait out the linger; beyond it they go to the
    /// lingering producer, whose fuller batches cost less CPU per record (in the gateway and the broker).
    /// 1 sends a lone single-record request at once. The default, 0, keeps one producer that always lingers,
    /// which keeps every partition's records in the order they were handed over, even across retries.
    /// </summary>
    public int LingerFromRecordsInFlight { get; set; }

    /// <summary>Any librdkafka producer property, for example <c>linger.ms</c>; applied last.</summary>
    public Dictionary<string, string> Producer { get; set; } = [];

    /// <summary>Any librdkafka consumer property for v2 consumer instances, for example <c>fetch.max.bytes</c>; applied before the gateway's own.</summary>
    public Dictionary<string, string> Consumer { get; set; } = [];

    /// <summary>Authentication and TLS towards Kafka.</summary>
    public Security.KafkaSecurityOptions Security { get; set; } = new();

    /// <summary>True when no bootstrap servers are configured and the in-memory cluster is used.</summary>
    public bool UsesEmbeddedCluster => string.IsNullOrWhiteSpace(BootstrapServers);
}
