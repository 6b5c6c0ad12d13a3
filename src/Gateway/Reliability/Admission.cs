using Microsoft.Extensions.Options;

namespace Gateway.Reliability;

/// <summary>
/// Admission control: a request's records are all admitted or none is, before any is queued, so a full
/// local buffer never leaves half a batch in Kafka. The limits sit below librdkafka's own queue limits.
/// </summary>
internal sealed class Admission(IOptions<ReliabilityOptions> options)
{
    private readonly ReliabilityOptions _limits = options.Value;
    private long _records;
    private long _bytes;

    public long InFlightRecords => Interlocked.Read(ref _records);

    public long InFlightBytes => Interlocked.Read(ref _bytes);

    /// <summary>Takes room for the batch, or returns null when it would pass a limit.</summary>
    public Lease? TryAdmit(int records, long bytes)
    {
        var totalRecords = Interlocked.Add(ref _records, records);
        var totalBytes = Interlocked.Add(ref _bytes, bytes);
        if (totalRecords > _limits.MaxInFlightRecords || totalBytes > _limits.MaxInFlightBytes)
        {
            Release(records, bytes);
            return null;
        }

        return new Lease(this, records, bytes);
    }

    private void Release(int records, long bytes)
    {
        Interlocked.Add(ref _records, -records);
        Interlocked.Add(ref _bytes, -bytes);
    }

    /// <summary>Room held until Kafka has answered for every record of the batch.</summary>
    internal sealed class Lease(Admission admission, int records, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                admission.Release(records, bytes);
            }
        }
    }
}
