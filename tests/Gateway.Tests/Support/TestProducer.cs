using Confluent.Kafka;

namespace Gateway.Tests.Support;

/// <summary>Writes records with a plain Confluent.Kafka producer of its own: the independent writer consumers read back.</summary>
internal static class TestProducer
{
    public static void Produce(string bootstrapServers, string topic, IEnumerable<Message<byte[]?, byte[]?>> messages, int partition = 0)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 0 }).Build();
        foreach (var message in messages)
        {
            producer.Produce(new TopicPartition(topic, partition), message);
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    public static void Produce(string bootstrapServers, string topic, int partition, params byte[]?[] values) =>
        Produce(bootstrapServers, topic, values.Select(v => new Message<byte[]?, byte[]?> { Value = v }), partition);

    public static Message<byte[]?, byte[]?> Message(byte[]? key, byte[]? value) => new() { Key = key, Value = value };
}
