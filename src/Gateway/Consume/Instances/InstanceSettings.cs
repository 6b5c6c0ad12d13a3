using Gateway.Consume.Decoding;

namespace Gateway.Consume.Instances;

/// <summary>A consumer instance as its creator asked for it.</summary>
/// <param name="Group">The consumer group it joins.</param>
/// <param name="Name">Its name in URLs, unique in the group across every gateway.</param>
/// <param name="Format">How it shows keys and values.</param>
/// <param name="Owner">The caller that created it; nobody else may use it.</param>
/// <param name="MinBytes">kafka-rest's <c>fetch.min.bytes</c>: a read waits until more bytes than this; null returns as soon as records are there.</param>
/// <param name="RequestWaitMs">kafka-rest's <c>consumer.request.timeout.ms</c>: how long a read without <c>timeout</c> waits.</param>
internal sealed record InstanceSettings(string Group, string Name, RecordFormat Format, string Owner, int? MinBytes, int? RequestWaitMs);

/// <summary>One read: how long it may wait, how many key and value bytes it may return, what it includes.</summary>
internal sealed record ReadRequest(TimeSpan Wait, long MaxBytes, bool IncludeTimestamp, bool IncludeHeaders);

/// <summary>What a read returned: records, or an error in kafka-rest's terms.</summary>
internal sealed record ReadOutcome(IReadOnlyList<Http.ConsumedRecord> Records, Http.GatewayError? Error);

/// <summary>How the instance chooses its partitions (kafka-rest's, the Java client's mutually exclusive modes).</summary>
internal enum SubscriptionMode
{
    None,
    Topics,
    Pattern,
    Assigned,
}
