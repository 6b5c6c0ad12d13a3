using System.Diagnostics;
using Confluent.Kafka;
using Gateway.Consume.Decoding;
using Gateway.Http;

namespace Gateway.Consume.Instances;

/// <summary>
/// Reads: records held back from the last read first, then what librdkafka has, returning as soon as
/// there are records (or, with <c>fetch.min.bytes</c>, more bytes than that), at the latest when the
/// wait is over. Only records handed to the client have their offsets stored, so a commit without a
/// body commits exactly the last record returned + 1.
/// </summary>
internal sealed partial class ConsumerInstance
{
    private readonly Queue<PendingRead> _reads = new();
    private readonly Queue<ConsumeResult<byte[]?, byte[]?>> _held = new();
    private PendingRead? _read;
    private long _lastReadEnded;
    private int _readsInProgress;

    public Task<ReadOutcome> ReadAsync(ReadRequest request)
    {
        var read = new PendingRead(request, Stopwatch.GetTimestamp());
        Enqueue(() =>
        {
            if (_mode == SubscriptionMode.None)
            {
                read.Fail(ErrorCatalog.IllegalState("Consumer is not subscribed to any topics or assigned any partitions"));
                read.Complete([]);
                return;
            }

            _reads.Enqueue(read);
        }, () => read.Complete([]));
        Touch();
        Interlocked.Increment(ref _readsInProgress);
        _ = read.Outcome.ContinueWith(_ =>
        {
            Interlocked.Decrement(ref _readsInProgress);
            Touch();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return read.Outcome;
    }

    /// <summary>True while a read waits or is answered: an instance in use never expires.</summary>
    public bool IsBusy => Volatile.Read(ref _readsInProgress) > 0;

    private void StepRead(PendingRead read)
    {
        ResumePaused();
        while (!read.Finished && _held.TryPeek(out var next))
        {
            if (Offer(read, next))
            {
                _held.Dequeue();
            }
        }

        if (read.Finished)
        {
            FinishRead();
            return;
        }

        // With records in hand, take only what librdkafka already holds; otherwise wait for the first.
        var draining = read.Records.Count > 0 && (Settings.MinBytes is not { } min || read.Bytes > min);
        var wait = draining ? TimeSpan.Zero : read.Remaining;
        if (!draining && wait <= TimeSpan.Zero)
        {
            FinishRead();
            return;
        }

        var result = Consume(draining || _wakeup.IsAvailable ? wait : Min(wait, ShortWait));
        if (result is null)
        {
            if (draining || read.Finished)
            {
                FinishRead();
            }

            return;
        }

        if (!Offer(read, result))
        {
            _held.Enqueue(result);
        }
    }

    /// <summary>Adds the record to the read, or says it must wait for the next read (too big, or not decodable).</summary>
    private bool Offer(PendingRead read, ConsumeResult<byte[]?, byte[]?> result)
    {
        var message = result.Message;
        var size = (long)(message.Key?.Length ?? 0) + (message.Value?.Length ?? 0);
        // kafka-rest's bound (the sum stays below max_bytes), except that a record bigger than the bound
        // comes alone rather than never.
        if (read.Records.Count > 0 && read.Bytes + size >= read.Request.MaxBytes)
        {
            read.Finished = true;
            return false;
        }

        var key = message.Key is null ? default : _decoder.Decode(result.Topic, message.Key);
        var value = message.Value is null ? default : _decoder.Decode(result.Topic, message.Value);
        if ((key.Problem ?? value.Problem) is { } problem)
        {
            if (read.Records.Count == 0)
            {
                read.Fail(ErrorCatalog.UndecodableRecord(result.Topic, result.Partition.Value, result.Offset.Value, Settings.Format.Name(), problem));
            }

            read.Finished = true;
            return false;
        }

        read.Records.Add(new ConsumedRecord(result.Topic, key.Json, value.Json, result.Partition.Value, result.Offset.Value)
        {
            Timestamp = read.Request.IncludeTimestamp && message.Timestamp.Type != TimestampType.NotAvailable ? message.Timestamp.UnixTimestampMs : null,
            Headers = read.Request.IncludeHeaders ? Headers(message.Headers) : null,
        });
        read.Bytes += size;
        StoreOffset(result);
        if (read.Bytes >= read.Request.MaxBytes)
        {
            read.Finished = true;
        }

        return true;
    }

    private void StoreOffset(ConsumeResult<byte[]?, byte[]?> result)
    {
        try
        {
            _consumer.StoreOffset(result);
        }
        catch (KafkaException e)
        {
            // The partition left this member since the record was fetched; the new owner reads it again.
            _context.LogFailed(Settings.Group, Settings.Name, e.Error.Reason);
        }
    }

    /// <summary>Answers the read in progress with what it has.</summary>
    private void FinishRead()
    {
        if (_read is not { } read)
        {
            return;
        }

        _read = null;
        _lastReadEnded = Stopwatch.GetTimestamp();
        _context.Measure(Settings, read.Records, read.Error is not null, Lag());
        read.Complete(read.Records);
        Touch();
    }

    /// <summary>Records not yet handed to the client: behind each partition's end, and those held back.</summary>
    private long Lag()
    {
        long lag = _held.Count;
        try
        {
            foreach (var partition in _assignment)
            {
                var marks = _consumer.GetWatermarkOffsets(partition);
                var position = _consumer.Position(partition);
                if (marks.High.Value >= 0 && position.Value >= 0)
                {
                    lag += Math.Max(0, marks.High.Value - position.Value);
                }
            }
        }
        catch (KafkaException)
        {
            // Positions are not known yet; the next read says.
        }

        return lag;
    }

    private static List<ConsumedHeader> Headers(Headers? headers) =>
        headers is null ? [] : headers.Select(h => new ConsumedHeader(h.Key, h.GetValueBytes() is { } bytes ? Convert.ToBase64String(bytes) : null)).ToList();

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed class PendingRead(ReadRequest request, long started)
    {
        private readonly TaskCompletionSource<ReadOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ReadRequest Request { get; } = request;

        public List<ConsumedRecord> Records { get; } = [];

        public long Bytes { get; set; }

        public bool Finished { get; set; }

        public GatewayError? Error { get; private set; }

        public Task<ReadOutcome> Outcome => _outcome.Task;

        public TimeSpan Remaining => Request.Wait - Stopwatch.GetElapsedTime(started);

        public void Fail(GatewayError error)
        {
            Error ??= error;
            Finished = true;
        }

        public void Complete(List<ConsumedRecord> records) =>
            _outcome.TrySetResult(Error is { } error && records.Count == 0 ? new ReadOutcome([], error) : new ReadOutcome(records, null));
    }
}
