using System.Globalization;
using Confluent.Kafka;
using Gateway.Consume.Requests;
using Gateway.Kafka;

namespace Gateway.Consume.Instances;

/// <summary>The librdkafka settings of one instance: its group, kafka-rest's create fields, and the memory and liveness bounds.</summary>
internal static class InstanceConfig
{
    public static ConsumerConfig Build(ConsumerClients clients, ConsumeOptions options, string group, string name, CreateSettings create)
    {
        var config = clients.NewConfig();
        config.GroupId = group;
        config.ClientId = name;
        config.EnableAutoCommit = create.AutoCommit ?? true;
        // Offsets are stored only for records handed to the client, so commits never skip a record.
        config.EnableAutoOffsetStore = false;
        config.AutoOffsetReset = create.AutoOffsetReset switch
        {
            "earliest" => AutoOffsetReset.Earliest,
            "none" => AutoOffsetReset.Error,
            _ => AutoOffsetReset.Latest,
        };
        config.SessionTimeoutMs = options.SessionTimeoutMs;
        config.HeartbeatIntervalMs = Math.Max(300, Math.Min(3_000, options.SessionTimeoutMs / 3));
        config.EnablePartitionEof = false;
        var queueBytes = options.FetchQueueKBytes * 1024;
        SetDefault(config, "queued.max.messages.kbytes", options.FetchQueueKBytes);
        SetDefault(config, "fetch.max.bytes", queueBytes);
        // Big fetches: a read of a backlog is served from a few broker round trips, not dozens.
        SetDefault(config, "max.partition.fetch.bytes", Math.Min(4 * 1024 * 1024, queueBytes));
        SetDefault(config, "fetch.wait.max.ms", options.EffectiveFetchWaitMaxMs(clients.UsesEmbeddedCluster));
        // kafka-rest's Java consumer reads uncommitted records unless told otherwise.
        if (config.Get("isolation.level") is null)
        {
            config.IsolationLevel = IsolationLevel.ReadUncommitted;
        }

        return config;
    }

    private static void SetDefault(ConsumerConfig config, string key, int value)
    {
        if (config.Get(key) is null)
        {
            config.Set(key, value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
