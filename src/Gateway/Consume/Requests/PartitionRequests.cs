using Confluent.Kafka;
using Gateway.Http;

namespace Gateway.Consume.Requests;

/// <summary>The partition, offset and time lists of assignment, seek and commit bodies.</summary>
internal static class PartitionRequests
{
    /// <summary><c>{"partitions":[{"topic","partition"}]}</c>; an absent list is an empty one.</summary>
    public static (List<TopicPartition>? Partitions, GatewayError? Error) Partitions(JsonBody body)
    {
        body.OnlyFields("partitions");
        var partitions = body.Objects("partitions", Partition);
        return body.Error is { } error ? (null, error) : (partitions ?? [], null);
    }

    /// <summary><c>{"offsets":[{"topic","partition","offset","metadata"}]}</c>; null when the list is absent.</summary>
    public static (List<TopicPartitionOffset>? Offsets, GatewayError? Error) Offsets(JsonBody body)
    {
        body.OnlyFields("offsets");
        var offsets = body.Objects("offsets", Offset);
        return body.Error is { } error ? (null, error) : (offsets, null);
    }

    /// <summary><c>{"offsets":[…],"timestamps":[{"topic","partition","timestamp","metadata"}]}</c>.</summary>
    public static (List<TopicPartitionOffset>? Offsets, List<TopicPartitionTimestamp>? Times, GatewayError? Error) Positions(JsonBody body)
    {
        body.OnlyFields("offsets", "timestamps");
        var offsets = body.Objects("offsets", Offset);
        var times = body.Objects("timestamps", Time);
        return body.Error is { } error ? (null, null, error) : (offsets ?? [], times ?? [], null);
    }

    private static TopicPartition? Partition(JsonBody item)
    {
        item.OnlyFields("topic", "partition");
        return Required(item);
    }

    private static TopicPartitionOffset? Offset(JsonBody item)
    {
        item.OnlyFields("topic", "partition", "offset", "metadata");
        var partition = Required(item);
        var offset = item.Long("offset");
        _ = item.String("metadata");
        if (partition is null || item.Error is not null)
        {
            return null;
        }

        if (offset is not >= 0)
        {
            item.Fail(ErrorCatalog.InvalidField(item.Path("offset"), offset is null ? "is required" : "must be 0 or more"));
            return null;
        }

        return new TopicPartitionOffset(partition, offset.Value);
    }

    private static TopicPartitionTimestamp? Time(JsonBody item)
    {
        item.OnlyFields("topic", "partition", "timestamp", "metadata");
        var partition = Required(item);
        var text = item.String("timestamp");
        _ = item.String("metadata");
        if (partition is null || item.Error is not null)
        {
            return null;
        }

        if (text is null || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
        {
            item.Fail(ErrorCatalog.InvalidField(item.Path("timestamp"), $"must be an ISO-8601 time such as 2026-01-01T00:00:00Z, not '{text}'"));
            return null;
        }

        return new TopicPartitionTimestamp(partition, new Timestamp(time));
    }

    private static TopicPartition? Required(JsonBody item)
    {
        var topic = item.String("topic");
        var partition = item.Int("partition");
        if (item.Error is not null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(topic))
        {
            item.Fail(ErrorCatalog.InvalidField(item.Path("topic"), "is required"));
            return null;
        }

        if (partition is not >= 0)
        {
            item.Fail(ErrorCatalog.InvalidField(item.Path("partition"), partition is null ? "is required" : "must be 0 or more"));
            return null;
        }

        return new TopicPartition(topic, partition.Value);
    }
}
