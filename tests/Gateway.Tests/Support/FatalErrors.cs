using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using Gateway.Kafka.Embedded;

namespace Gateway.Tests.Support;

/// <summary>
/// librdkafka's own fatal-error injection (<c>rd_kafka_test_fatal_error</c>) on a Confluent.Kafka client.
/// Confluent.Kafka keeps the native handle internal, so it is read by reflection here, in tests only.
/// </summary>
internal static class FatalErrors
{
    public static void Raise(Handle handle, ErrorCode error, string reason)
    {
        var native = (SafeHandle)typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(handle)!;
        Assert.Equal(0, NativeLibrdkafka.TestFatalError(native.DangerousGetHandle(), (int)error, reason));
    }
}
