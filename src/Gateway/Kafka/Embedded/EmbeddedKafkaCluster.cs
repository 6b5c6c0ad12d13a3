using System.Runtime.InteropServices;

namespace Gateway.Kafka.Embedded;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock brokers, listening on 127.0.0.1 and speaking the
/// Kafka wire protocol to any client. Records live in memory only and are bounded per partition.
/// </summary>
internal sealed class EmbeddedKafkaCluster : IDisposable
{
    /// <summary>Kafka's Produce API key, for fault injection.</summary>
    public const short ProduceApiKey = 0;

    private const int ProducerType = 0;
    private readonly Lock _lock = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    public EmbeddedKafkaCluster(int brokers)
    {
        NativeLibrdkafka.EnsureResolver();
        var error = new byte[512];
        var conf = NativeLibrdkafka.ConfNew();
        // The handle only owns the cluster and never connects; its notice about having no brokers is noise.
        NativeLibrdkafka.ConfSet(conf, "log_level", "4", error, (UIntPtr)error.Length);
        _handle = NativeLibrdkafka.New(ProducerType, conf, error, (UIntPtr)error.Length);
        if (_handle == IntPtr.Zero)
        {
            throw new InvalidOperationException($"librdkafka refused a handle for the embedded cluster: {System.Text.Encoding.UTF8.GetString(error).TrimEnd('\0')}");
        }

        _cluster = NativeLibrdkafka.MockClusterNew(_handle, brokers);
        if (_cluster == IntPtr.Zero)
        {
            NativeLibrdkafka.Destroy(_handle);
            throw new InvalidOperationException("librdkafka could not start the embedded cluster.");
        }

        // Admin calls that go by Metadata (DescribeTopics, DescribeCluster) wait for a controller to be named.
        Check(NativeLibrdkafka.MockSetControllerId(_cluster, 1), "name a controller");
        BrokerCount = brokers;
        BootstrapServers = Marshal.PtrToStringUTF8(NativeLibrdkafka.MockClusterBootstraps(_cluster))!;
    }

    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    /// <summary>Creates a topic; one that already exists is left as it is.</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor)
    {
        const int TopicAlreadyExists = 36;
        var error = NativeLibrdkafka.MockTopicCreate(Cluster, topic, partitions, Math.Min(replicationFactor, BrokerCount));
        if (error != TopicAlreadyExists)
        {
            Check(error, "create topic");
        }
    }

    public void SetBrokerDown(int brokerId) => Check(NativeLibrdkafka.MockBrokerSetDown(Cluster, brokerId), "stop broker");

    public void SetBrokerUp(int brokerId) => Check(NativeLibrdkafka.MockBrokerSetUp(Cluster, brokerId), "start broker");

    public void SetBrokerRoundTrip(int brokerId, int milliseconds) =>
        Check(NativeLibrdkafka.MockBrokerSetRtt(Cluster, brokerId, milliseconds), "set broker round trip");

    /// <summary>Every broker answers this much later, as a slow network or a loaded cluster would.</summary>
    public void SetRoundTripOfAllBrokers(int milliseconds)
    {
        for (var broker = 1; broker <= BrokerCount; broker++)
        {
            SetBrokerRoundTrip(broker, milliseconds);
        }
    }

    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(NativeLibrdkafka.MockPartitionSetLeader(Cluster, topic, partition, brokerId), "move partition leader");

    /// <summary>The next requests of <paramref name="apiKey"/> fail with these Kafka error codes, in order.</summary>
    public void PushRequestErrors(short apiKey, params int[] errorCodes) =>
        NativeLibrdkafka.MockPushRequestErrors(Cluster, apiKey, (UIntPtr)errorCodes.Length, errorCodes);

    public void Dispose()
    {
        lock (_lock)
        {
            if (_cluster != IntPtr.Zero)
            {
                NativeLibrdkafka.MockClusterDestroy(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_handle != IntPtr.Zero)
            {
                NativeLibrdkafka.Destroy(_handle);
                _handle = IntPtr.Zero;
            }
        }
    }

    private IntPtr Cluster => _cluster != IntPtr.Zero ? _cluster : throw new ObjectDisposedException(nameof(EmbeddedKafkaCluster));

    private static void Check(int error, string action)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The embedded cluster could not {action}: librdkafka error {error}.");
        }
    }
}
