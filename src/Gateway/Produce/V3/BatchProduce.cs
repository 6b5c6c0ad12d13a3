using Gateway.Http;
using Gateway.Observability;

namespace Gateway.Produce.V3;

/// <summary>
/// <c>POST …/records:batch</c>: every entry prepared on its own, the good ones produced together, and one
/// 207 answer with <c>successes</c> and <c>failures</c> by entry id, in entry order.
/// </summary>
internal sealed class BatchProduce(RecordGroups groups, GatewayMetrics metrics)
{
    /// <summary>The 207 document, and whether any entry was handed to Kafka (an answer worth keeping for a retry).</summary>
    public async Task<(ProduceV3BatchResponse Answer, bool Produced)> ProduceAsync(ProduceTarget target, List<RecordV3> entries, bool waitForever)
    {
        var answers = new ProduceV3Response?[entries.Count];
        var prepared = new List<PreparedRecord>();
        var slots = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (record, error) = await groups.PrepareAsync(target, entries[i]);
            if (record is null)
            {
                answers[i] = RecordGroups.Failure(error!);
                continue;
            }

            prepared.Add(record);
            slots.Add(i);
        }

        var produced = false;
        // Consecutive entries of one value format are checked against the topic's schema together.
        foreach (var run in Runs(prepared, slots))
        {
            var group = await groups.ProduceAsync(target, run.Select(r => r.Record).ToArray(), waitForever);
            produced |= group.Produced;
            for (var j = 0; j < run.Count; j++)
            {
                answers[run[j].Slot] = group.Answers[j];
            }
        }

        var successes = new List<ProduceV3BatchSuccess>();
        var failures = new List<ProduceV3BatchFailure>();
        for (var i = 0; i < entries.Count; i++)
        {
            var answer = answers[i]!;
            metrics.V3Answered("batch", answer.ErrorCode);
            var id = entries[i].Id!;
            if (answer.ErrorCode == 200)
            {
                successes.Add(new ProduceV3BatchSuccess(id, answer.ClusterId!, answer.TopicName!, answer.PartitionId!.Value, answer.Offset!.Value,
                    answer.Timestamp, answer.Key, answer.Value));
            }
            else
            {
                failures.Add(new ProduceV3BatchFailure(id, answer.ErrorCode, answer.Message ?? "")
                {
                    Errors = answer.Errors, RetryAfterSeconds = answer.RetryAfterSeconds,
                });
            }
        }

        return (new ProduceV3BatchResponse(successes, failures), produced);
    }

    private static IEnumerable<List<(PreparedRecord Record, int Slot)>> Runs(List<PreparedRecord> prepared, List<int> slots)
    {
        var run = new List<(PreparedRecord, int)>();
        for (var i = 0; i < prepared.Count; i++)
        {
            if (run.Count > 0 && RecordGroups.FormatOf(run[0].Item1) != RecordGroups.FormatOf(prepared[i]))
            {
                yield return run;
                run = [];
            }

            run.Add((prepared[i], slots[i]));
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }
}
