using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using Gateway.Kafka.Embedded;

namespace Gateway.Kafka;

/// <summary>
/// The cluster id and controller from the Metadata answers librdkafka already holds
/// (<c>rd_kafka_clusterid</c>, <c>rd_kafka_controllerid</c>), which Confluent.Kafka does not expose.
/// They work on every cluster, including the embedded one that answers no DescribeCluster.
/// </summary>
internal static partial class NativeClusterInfo
{
    private const string Library = "gateway-librdkafka";

    private static readonly PropertyInfo? LibrdkafkaHandle =
        typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);

    /// <summary>The cluster id, or null when the cluster did not say within the timeout.</summary>
    public static string? ClusterId(Handle handle, TimeSpan timeout)
    {
        NativeLibrdkafka.EnsureResolver();
        var rk = Pointer(handle);
        var id = RdKafkaClusterId(rk, (int)timeout.TotalMilliseconds);
        if (id == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(id);
        }
        finally
        {
            RdKafkaMemFree(rk, id);
        }
    }

    /// <summary>The controller's broker id, or -1 when it is not known within the timeout.</summary>
    public static int ControllerId(Handle handle, TimeSpan timeout)
    {
        NativeLibrdkafka.EnsureResolver();
        return RdKafkaControllerId(Pointer(handle), (int)timeout.TotalMilliseconds);
    }

    private static IntPtr Pointer(Handle handle) =>
        LibrdkafkaHandle?.GetValue(handle) is SafeHandle safe
            ? safe.DangerousGetHandle()
            : throw new InvalidOperationException("This Confluent.Kafka version does not expose its librdkafka handle.");

    [LibraryImport(Library, EntryPoint = "rd_kafka_clusterid")]
    private static partial IntPtr RdKafkaClusterId(IntPtr rk, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_controllerid")]
    private static partial int RdKafkaControllerId(IntPtr rk, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mem_free")]
    private static partial void RdKafkaMemFree(IntPtr rk, IntPtr ptr);
}
