using System.Runtime.InteropServices;

namespace Gateway.Kafka.Embedded;

/// <summary>The queue part of librdkafka's C API, in the same loaded library as the mock cluster's.</summary>
internal static partial class NativeLibrdkafka
{
    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_get_consumer")]
    public static partial IntPtr QueueGetConsumer(IntPtr rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_yield")]
    public static partial void QueueYield(IntPtr queue);

    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_destroy")]
    public static partial void QueueDestroy(IntPtr queue);
}
