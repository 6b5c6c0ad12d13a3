using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Http;
using Gateway.Kafka;
using Gateway.Topics;

namespace Gateway.Schemas;

/// <summary>
/// Writes rejected records to their binding's dead-letter topic, unchanged, with why in headers:
/// <c>gateway-reason</c> (the violations as JSON), <c>gateway-original-topic</c>, <c>gateway-record-index</c>
/// and <c>gateway-schema</c>.
/// </summary>
internal sealed class DeadLetters(IRecordProducer producer, TopicCatalog topics)
{
    public const string ReasonHeader = "gateway-reason";
    public const string TopicHeader = "gateway-original-topic";
    public const string IndexHeader = "gateway-record-index";
    public const string SchemaHeader = "gateway-schema";

    /// <summary>One outcome per record of the batch; only rejected records have one that is not default.</summary>
    public async Task<(DeliveryOutcome[]? Outcomes, GatewayError? Error)> WriteAsync(
        string topic, SchemaCheck check, IReadOnlyList<ProduceRecord> records)
    {
        var deadLetterTopic = check.Binding.DeadLetterTopic!;
        var (_, error) = await topics.ResolveAsync(deadLetterTopic);
        if (error is not null)
        {
            return (null, error);
        }

        var rejected = Enumerable.Range(0, records.Count).Where(check.IsInvalid).ToArray();
        var letters = rejected.Select(i => records[i] with
        {
            Partition = null,
            Headers =
            [
                new(ReasonHeader, Reason(check.ViolationsOf(i))),
                new(TopicHeader, Encoding.UTF8.GetBytes(topic)),
                new(IndexHeader, Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture))),
                new(SchemaHeader, Encoding.UTF8.GetBytes(check.Binding.Name)),
            ],
        }).ToArray();
        var delivered = await producer.ProduceAsync(deadLetterTopic, letters);
        var outcomes = new DeliveryOutcome[records.Count];
        for (var j = 0; j < rejected.Length; j++)
        {
            outcomes[rejected[j]] = delivered[j];
        }

        return (outcomes, null);
    }

    private static byte[] Reason(IReadOnlyList<SchemaViolation> violations) =>
        JsonSerializer.SerializeToUtf8Bytes(violations, KafkaRestJson.Context.IReadOnlyListSchemaViolation);
}
