using Gateway.Kafka.Embedded;

// An out-of-process Kafka-protocol cluster for the benchmark: librdkafka's mock brokers on 127.0.0.1.
// Usage: Broker <brokers> <partitions> <topic>[:partitions]...   Prints the bootstrap servers, runs until stdin closes.
var brokers = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3;
var partitions = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
using var cluster = new EmbeddedKafkaCluster(brokers);
foreach (var topic in args.Skip(2).Select(a => a.Split(':', 2)))
{
    cluster.CreateTopic(topic[0], topic.Length > 1 ? int.Parse(topic[1], System.Globalization.CultureInfo.InvariantCulture) : partitions, brokers);
}

Console.WriteLine(cluster.BootstrapServers);
Console.Out.Flush();
await Console.In.ReadToEndAsync();
