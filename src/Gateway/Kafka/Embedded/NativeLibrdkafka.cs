using System.Reflection;
using System.Runtime.InteropServices;

namespace Gateway.Kafka.Embedded;

/// <summary>
/// The mock-cluster and test part of librdkafka's C API. Calls must reach the very library file Confluent.Kafka
/// loaded (a second copy would be a separate librdkafka), so the import name is resolved to the file
/// found mapped into this process.
/// </summary>
internal static partial class NativeLibrdkafka
{
    private const string Library = "gateway-librdkafka";

    static NativeLibrdkafka() => NativeLibrary.SetDllImportResolver(typeof(NativeLibrdkafka).Assembly, Resolve);

    /// <summary>Forces the static resolver registration before the first call.</summary>
    public static void EnsureResolver()
    {
    }

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    public static partial IntPtr ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(IntPtr conf, string name, string value, byte[] errstr, UIntPtr errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(IntPtr conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    public static partial IntPtr New(int type, IntPtr conf, byte[] errstr, UIntPtr errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(IntPtr rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    public static partial IntPtr MockClusterNew(IntPtr rk, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    public static partial void MockClusterDestroy(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    public static partial IntPtr MockClusterBootstraps(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockTopicCreate(IntPtr cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_down")]
    public static partial int MockBrokerSetDown(IntPtr cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_up")]
    public static partial int MockBrokerSetUp(IntPtr cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_rtt")]
    public static partial int MockBrokerSetRtt(IntPtr cluster, int brokerId, int rttMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_partition_set_leader", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockPartitionSetLeader(IntPtr cluster, string topic, int partition, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_set_controller_id")]
    public static partial int MockSetControllerId(IntPtr cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    public static partial void MockPushRequestErrors(IntPtr cluster, short apiKey, UIntPtr count, int[] errors);

    /// <summary>Raises a fatal error on a client as if librdkafka had hit one, for tests of recovery.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_test_fatal_error", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TestFatalError(IntPtr rk, int error, string reason);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        // Make Confluent.Kafka load its native library first, then reuse exactly that file.
        _ = Confluent.Kafka.Library.Version;
        var path = FindLoadedLibrdkafka()
            ?? throw new DllNotFoundException("librdkafka is not mapped into this process; Confluent.Kafka did not load it.");
        return NativeLibrary.Load(path);
    }

    private static string? FindLoadedLibrdkafka()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        return File.ReadLines(maps)
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? line[slash..] : null)
            .FirstOrDefault(path => path is not null && Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal));
    }
}
