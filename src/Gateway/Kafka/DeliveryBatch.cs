using Confluent.Kafka;

namespace Gateway.Kafka;

/// <summary>Collects the delivery reports of one request's records and completes when the last arrives.</summary>
internal sealed class DeliveryBatch
{
    private readonly DeliveryOutcome[] _outcomes;
    private readonly TaskCompletionSource<DeliveryOutcome[]> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _pending;

    public DeliveryBatch(int count)
    {
        _outcomes = new DeliveryOutcome[count];
        _pending = count;
    }

    public Task<DeliveryOutcome[]> Completion => _completion.Task;

    /// <summary>Runs on librdkafka's delivery thread: record and return, nothing more.</summary>
    public void Report(int index, DeliveryReport<byte[]?, byte[]?> report) =>
        Complete(index, report.Error.IsError
            ? DeliveryOutcome.Failed(report.Error)
            : new DeliveryOutcome(report.Partition.Value, report.Offset.Value, null));

    public void Complete(int index, DeliveryOutcome outcome)
    {
        _outcomes[index] = outcome;
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _completion.TrySetResult(_outcomes);
        }
    }
}
