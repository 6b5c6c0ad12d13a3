using System.Diagnostics;
using Confluent.Kafka;
using Gateway.Http;

namespace Gateway.Consume.Instances;

/// <summary>
/// Subscriptions, assignments, positions and offsets, with the Java client's rules kafka-rest relies on
/// (topics, pattern and manual assignment are mutually exclusive; only assigned partitions can be
/// sought). Anything that moves a position first drops the records held back for those partitions, so
/// no record from before a seek, an assignment or a rebalance is ever handed out.
/// </summary>
internal sealed partial class ConsumerInstance
{
    private const string MutuallyExclusive = "Subscription to topics, partitions and pattern are mutually exclusive";

    private readonly HashSet<TopicPartition> _assignment = [];
    private readonly HashSet<TopicPartition> _paused = [];
    private SubscriptionMode _mode;
    private IReadOnlyList<string> _topics = [];
    private TopicPattern? _pattern;
    private long _patternResolved;

    /// <summary>Subscribes to topics (replacing a topics subscription), or answers why not.</summary>
    public GatewayError? Subscribe(IReadOnlyList<string> topics)
    {
        if (_mode is SubscriptionMode.Pattern or SubscriptionMode.Assigned)
        {
            return ErrorCatalog.IllegalState(MutuallyExclusive);
        }

        DropHeld(_ => true);
        if (topics.Count == 0)
        {
            Unsubscribe();
            return null;
        }

        _consumer.Subscribe(topics);
        _topics = topics;
        _mode = SubscriptionMode.Topics;
        return null;
    }

    /// <summary>Subscribes to every topic the pattern covers that the caller may read, now and as topics appear.</summary>
    public GatewayError? Subscribe(TopicPattern pattern)
    {
        if (_mode is SubscriptionMode.Topics or SubscriptionMode.Assigned)
        {
            return ErrorCatalog.IllegalState(MutuallyExclusive);
        }

        DropHeld(_ => true);
        _pattern = pattern;
        _mode = SubscriptionMode.Pattern;
        _topics = [];
        ResolvePattern();
        return null;
    }

    /// <summary>Leaves any subscription and manual assignment, as the Java client's <c>unsubscribe</c>.</summary>
    public void Unsubscribe()
    {
        DropHeld(_ => true);
        ResumePaused();
        if (_mode == SubscriptionMode.Assigned)
        {
            _consumer.Unassign();
        }
        else
        {
            _consumer.Unsubscribe();
        }

        _assignment.Clear();
        _topics = [];
        _pattern = null;
        _mode = SubscriptionMode.None;
        UpdateSnapshot();
    }

    public GatewayError? Assign(IReadOnlyList<TopicPartition> partitions)
    {
        if (_mode is SubscriptionMode.Topics or SubscriptionMode.Pattern)
        {
            return ErrorCatalog.IllegalState(MutuallyExclusive);
        }

        if (partitions.Count == 0)
        {
            Unsubscribe();
            return null;
        }

        DropHeld(_ => true);
        ResumePaused();
        _consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset)));
        _assignment.Clear();
        _assignment.UnionWith(partitions);
        _mode = SubscriptionMode.Assigned;
        UpdateSnapshot();
        return null;
    }

    public IReadOnlyList<string> Subscription() => _mode is SubscriptionMode.Topics or SubscriptionMode.Pattern ? _topics : [];

    public IReadOnlyList<TopicPartition> Assignment() =>
        [.. _assignment.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition.Value)];

    /// <summary>Moves each partition to its offset (or <see cref="Offset.Beginning"/> / <see cref="Offset.End"/>).</summary>
    public GatewayError? Seek(IReadOnlyList<TopicPartitionOffset> positions)
    {
        if (positions.FirstOrDefault(p => !_assignment.Contains(p.TopicPartition)) is { } unassigned)
        {
            return ErrorCatalog.IllegalState($"No current assignment for partition {unassigned.Topic}-{unassigned.Partition.Value}");
        }

        var moved = positions.Select(p => p.TopicPartition).ToHashSet();
        DropHeld(moved.Contains);
        ResumePaused();
        foreach (var position in positions)
        {
            if (SeekWhenReady(position) is { } problem)
            {
                return ErrorCatalog.IllegalState($"Partition {position.Topic}-{position.Partition.Value} cannot be sought yet: {problem}");
            }
        }

        return null;
    }

    /// <summary>
    /// librdkafka refuses to seek a partition it has not started fetching (just assigned, or of a topic its
    /// metadata does not show yet); the Java client records the position instead. Retry briefly.
    /// </summary>
    private string? SeekWhenReady(TopicPartitionOffset position)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                _consumer.Seek(position);
                return null;
            }
            catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_State)
            {
                if (Stopwatch.GetElapsedTime(started) > _context.KafkaTimeout)
                {
                    return e.Error.Reason;
                }

                Thread.Sleep(20);
            }
        }
    }

    /// <summary>The first offset at or after each time, or the end where no record is that recent.</summary>
    public IReadOnlyList<TopicPartitionOffset> OffsetsForTimes(IReadOnlyList<TopicPartitionTimestamp> times) =>
        _consumer.OffsetsForTimes(times, _context.KafkaTimeout)
            .Select(found => found.Offset.Value >= 0 ? found : new TopicPartitionOffset(found.TopicPartition, Offset.End))
            .ToList();

    /// <summary>Commits these offsets (each already the next record to read).</summary>
    public void Commit(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        if (offsets.Count > 0)
        {
            _consumer.Commit(offsets);
        }
    }

    /// <summary>Commits, for each partition, the last record handed to the client + 1.</summary>
    public void CommitConsumed()
    {
        try
        {
            _consumer.Commit();
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing read since the last commit: as the Java client, there is nothing to do.
        }
    }

    /// <summary>The group's committed offsets of these partitions; partitions without one are left out.</summary>
    public IReadOnlyList<TopicPartitionOffset> Committed(IReadOnlyList<TopicPartition> partitions) =>
        partitions.Count == 0
            ? []
            : _consumer.Committed(partitions, _context.KafkaTimeout).Where(c => c.Offset.Value >= 0).ToList();

    private void OnAssigned(List<TopicPartition> partitions)
    {
        _assignment.UnionWith(partitions);
        Observability.ConsumerMetrics.Rebalanced();
        UpdateSnapshot();
    }

    private void OnRevoked(IEnumerable<TopicPartition> partitions)
    {
        var revoked = partitions.ToHashSet();
        _assignment.ExceptWith(revoked);
        ResumePaused(revoked);
        DropHeld(revoked.Contains);
        UpdateSnapshot();
    }

    private void DropHeld(Func<TopicPartition, bool> moved)
    {
        if (_held.Count == 0)
        {
            return;
        }

        var kept = _held.Where(r => !moved(r.TopicPartition)).ToList();
        _held.Clear();
        foreach (var record in kept)
        {
            _held.Enqueue(record);
        }
    }

    private void PauseAssigned()
    {
        var pause = _assignment.Where(p => !_paused.Contains(p)).ToList();
        if (pause.Count > 0)
        {
            _consumer.Pause(pause);
            _paused.UnionWith(pause);
        }
    }

    /// <summary>
    /// Resumes the paused partitions (those of <paramref name="only"/>, when given). A pause outlives a partition's
    /// revocation in librdkafka, so every partition this instance stops tracking is resumed first: otherwise one
    /// assigned again after a rebalance would stay paused and never be fetched.
    /// </summary>
    private void ResumePaused(IReadOnlySet<TopicPartition>? only = null)
    {
        var resume = only is null ? [.. _paused] : _paused.Where(only.Contains).ToList();
        if (resume.Count > 0)
        {
            _consumer.Resume(resume);
            _paused.ExceptWith(resume);
        }
    }

    private void RefreshPatternWhenDue()
    {
        if (_mode == SubscriptionMode.Pattern && Stopwatch.GetElapsedTime(_patternResolved) >= _context.PatternRefresh)
        {
            ResolvePattern();
        }
    }

    /// <summary>Subscribes to the topics the pattern covers now; a change in them is a change of subscription.</summary>
    private void ResolvePattern()
    {
        _patternResolved = Stopwatch.GetTimestamp();
        IReadOnlyList<string> topics;
        try
        {
            topics = _pattern!.Select(_context.ListTopics());
        }
        catch (KafkaException e)
        {
            _context.LogFailed(Settings.Group, Settings.Name, e.Error.Reason);
            return;
        }

        if (topics.SequenceEqual(_topics, StringComparer.Ordinal))
        {
            return;
        }

        _topics = topics;
        if (topics.Count == 0)
        {
            ResumePaused();
            _consumer.Unsubscribe();
            _assignment.Clear();
        }
        else
        {
            _consumer.Subscribe(topics);
        }
    }

    private void UpdateSnapshot() =>
        _snapshot = _snapshot with { ConsumerId = _consumer.MemberId ?? "", Assignments = Assignment() };
}
