using Confluent.Kafka;

namespace Gateway.Tests.Support;

/// <summary>A record as an independent consumer reads it back from Kafka.</summary>
public sealed record StoredRecord(int Partition, long Offset, byte[]? Key, byte[]? Value)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>Reads back everything a topic holds with a plain Confluent.Kafka consumer of its own.</summary>
public static class KafkaReader
{
    public static IReadOnlyList<StoredRecord> ReadAll(string bootstrapServers, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single();
        if (metadata.Error.IsError)
        {
            return [];
        }

        var ends = new Dictionary<int, long>();
        var starts = new List<TopicPartitionOffset>();
        foreach (var partition in metadata.Partitions)
        {
            var tp = new TopicPartition(topic, partition.PartitionId);
            var marks = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10));
            if (marks.High > marks.Low)
            {
                ends[partition.PartitionId] = marks.High;
                starts.Add(new TopicPartitionOffset(tp, marks.Low));
            }
        }

        var records = new List<StoredRecord>();
        if (starts.Count == 0)
        {
            return records;
        }

        consumer.Assign(starts);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (ends.Count > 0 && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            var p = result.Partition.Value;
            records.Add(new StoredRecord(p, result.Offset.Value, result.Message.Key, result.Message.Value)
            {
                Headers = (result.Message.Headers ?? []).ToDictionary(h => h.Key, h => h.GetValueBytes() is { } value ? System.Text.Encoding.UTF8.GetString(value) : null!),
            });
            if (ends.TryGetValue(p, out var end) && result.Offset.Value >= end - 1)
            {
                ends.Remove(p);
            }
        }

        return ends.Count == 0 ? records : throw new TimeoutException($"Could not read {topic} to its end.");
    }

    /// <summary>How many records the topic holds, counted by watermarks; 0 when it does not exist.</summary>
    public static long Count(string bootstrapServers, string topic) => ReadAll(bootstrapServers, topic).Count;
}
