using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using Gateway.Kafka.Embedded;

namespace Gateway.Kafka;

/// <summary>
/// Ends a consumer's blocking <c>Consume</c> early from another thread (librdkafka's
/// <c>rd_kafka_queue_yield</c> on the consumer queue), so a thread that owns a consumer can wait for
/// records and still run a command the moment it arrives. Confluent.Kafka does not expose the native
/// handle, so it is read from its internal property; when that is not possible the owner falls back to
/// short waits, which <see cref="IsAvailable"/> tells.
/// </summary>
internal sealed class ConsumerWakeup : IDisposable
{
    private static readonly PropertyInfo? NativeHandle =
        typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic);

    private readonly Lock _lock = new();
    private IntPtr _queue;

    public ConsumerWakeup(IClient consumer)
    {
        NativeLibrdkafka.EnsureResolver();
        try
        {
            if (NativeHandle?.GetValue(consumer.Handle) is SafeHandle { IsInvalid: false } handle)
            {
                _queue = NativeLibrdkafka.QueueGetConsumer(handle.DangerousGetHandle());
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TargetInvocationException)
        {
            _queue = IntPtr.Zero;
        }
    }

    /// <summary>True when <see cref="Wake"/> ends a waiting <c>Consume</c>; false means it does nothing.</summary>
    public bool IsAvailable => _queue != IntPtr.Zero;

    /// <summary>Makes the current (or next) <c>Consume</c> of the consumer return at once; safe from any thread.</summary>
    public void Wake()
    {
        lock (_lock)
        {
            if (_queue != IntPtr.Zero)
            {
                NativeLibrdkafka.QueueYield(_queue);
            }
        }
    }

    /// <summary>Releases the queue reference; call before the consumer is closed.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_queue != IntPtr.Zero)
            {
                NativeLibrdkafka.QueueDestroy(_queue);
                _queue = IntPtr.Zero;
            }
        }
    }
}
