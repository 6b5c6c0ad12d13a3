using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Gateway.Kafka;

// The benchmark's Kafka ceiling: a Confluent.Kafka producer built from the gateway's own producer settings
// (acks=all, idempotent, the same linger and overrides), producing compact records straight to the broker
// as fast as librdkafka takes them, for a fixed time after a warm-up. No HTTP, no JSON, no validation.
// Usage: DirectProducer <bootstrap> <topic> <records file, one per line> <seconds> [producer key=value...]
// Prints: records/s and this process's CPU microseconds per record.
var bootstrap = args[0];
var topic = args[1];
var records = File.ReadAllLines(args[2]).Where(l => l.Length > 0).Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
var seconds = double.Parse(args[3], CultureInfo.InvariantCulture);
var options = new KafkaOptions { BootstrapServers = bootstrap };
foreach (var pair in args.Skip(4).Select(a => a.Split('=', 2)))
{
    options.Producer[pair[0]] = pair[1];
}

using var producer = new ProducerBuilder<byte[]?, byte[]?>(ProducerSettings.Build(options, bootstrap, statistics: false)).Build();
long delivered = 0;
long failed = 0;
Action<DeliveryReport<byte[]?, byte[]?>> report = r =>
{
    if (r.Error.IsError || r.Status != PersistenceStatus.Persisted)
    {
        Interlocked.Increment(ref failed);
    }
    else
    {
        Interlocked.Increment(ref delivered);
    }
};

void Run(TimeSpan length)
{
    var clock = Stopwatch.StartNew();
    for (var i = 0; clock.Elapsed < length; i++)
    {
        try
        {
            producer.Produce(topic, new Message<byte[]?, byte[]?> { Value = records[i % records.Length] }, report);
        }
        catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
        {
            Thread.Sleep(1);
        }
    }

    producer.Flush(TimeSpan.FromSeconds(30));
}

Run(TimeSpan.FromSeconds(Math.Min(3, seconds / 5)));
var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
Interlocked.Exchange(ref delivered, 0);
var wall = Stopwatch.StartNew();
Run(TimeSpan.FromSeconds(seconds));
wall.Stop();
process.Refresh();
var cpu = process.TotalProcessorTime - cpuBefore;
var count = Interlocked.Read(ref delivered);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{count / wall.Elapsed.TotalSeconds:F0}\t{cpu.TotalMicroseconds / Math.Max(1, count):F2}\t{count}\t{Interlocked.Read(ref failed)}\t{cpu.TotalSeconds / wall.Elapsed.TotalSeconds:F2}"));
