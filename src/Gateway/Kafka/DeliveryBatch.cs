using Confluent.Kafka;
using Gateway.Kafka.Security;

namespace Gateway.Kafka;

/// <summary>Collects the delivery reports of one request's records and completes when the last arrives.</summary>
internal sealed class DeliveryBatch
{
    private readonly DeliveryOutcome[] _outcomes;
    private readonly TaskCompletionSource<DeliveryOutcome[]> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _pending;

    private readonly string _topic;
    private readonly RefusalLog? _refusals;
    private readonly Action<int>? _answered;

    /// <param name="count">The request's records.</param>
    /// <param name="topic">Their topic, to explain authorization refusals.</param>
    /// <param name="refusals">Where refusals are logged.</param>
    /// <param name="answered">Told the record count once Kafka has answered for all of them.</param>
    public DeliveryBatch(int count, string topic = "", RefusalLog? refusals = null, Action<int>? answered = null)
    {
        _topic = topic;
        _refusals = refusals;
        _answered = answered;
        _outcomes = new DeliveryOutcome[count];
        _pending = count;
    }

    public Task<DeliveryOutcome[]> Completion => _completion.Task;

    /// <summary>Runs on librdkafka's delivery thread: record and return, nothing more.</summary>
    /// <param name="index">The record's place in the request.</param>
    /// <param name="report">librdkafka's delivery report.</param>
    /// <param name="producerFailed">The producer that held the record has failed fatally and is being replaced.</param>
    public void Report(int index, DeliveryReport<byte[]?, byte[]?> report, bool producerFailed) =>
        Complete(index, Outcome(DeliveryOutcome.Of(report), producerFailed || report.Error.IsFatal));

    /// <summary>A record a failed producer could not deliver is worth sending again: the next producer will take it.</summary>
    public static DeliveryOutcome Outcome(DeliveryOutcome outcome, bool producerFailed) =>
        outcome.Delivered || !producerFailed || outcome.Retriable
            ? outcome
            : DeliveryOutcome.Failed(new Error(outcome.Error!.Code,
                $"{outcome.Error.Reason} (the Kafka producer failed fatally and is being replaced; this record was not confirmed: send it again)")) with { Retriable = true };

    public void Complete(int index, DeliveryOutcome outcome)
    {
        if (outcome.Error is { } error && !outcome.Retriable && KafkaPermissions.ExplainProduce(error, _topic) is { Length: > 0 } explanation)
        {
            outcome = DeliveryOutcome.Failed(new Error(error.Code, error.Reason + "." + explanation));
            _refusals?.Refused(error, explanation);
        }

        _outcomes[index] = outcome;
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _answered?.Invoke(_outcomes.Length);
            _completion.TrySetResult(_outcomes);
        }
    }
}
