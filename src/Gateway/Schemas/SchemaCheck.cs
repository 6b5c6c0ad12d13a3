using Gateway.Http;
using Gateway.Kafka;
using Gateway.Serdes;

namespace Gateway.Schemas;

/// <summary>The outcome of checking a batch: every violation (bounded) and which records failed.</summary>
internal sealed class SchemaCheck(SchemaBinding binding, List<SchemaViolation> violations, bool[] invalid)
{
    public SchemaBinding Binding { get; } = binding;

    public IReadOnlyList<SchemaViolation> Violations { get; } = violations;

    public int InvalidCount { get; } = invalid.Count(i => i);

    public bool IsInvalid(int record) => invalid[record];

    public IReadOnlyList<SchemaViolation> ViolationsOf(int record) => violations.Where(v => v.Record == record).ToArray();

    /// <summary>True when the binding checks values of this format: json always, binary unless the binding lets binary payloads through.</summary>
    public static bool Checks(SchemaBinding binding, EmbeddedFormat format) => format != EmbeddedFormat.Binary || binding.ValidatesBinaryPayloads;

    /// <summary>Checks every record's value against <paramref name="schema"/>, in either format, unless the binding lets binary payloads through.</summary>
    public static SchemaCheck? Run(SchemaBinding binding, ValueSchema schema, EmbeddedFormat format, IReadOnlyList<ProduceRecord> records, int maxErrors)
    {
        if (!Checks(binding, format))
        {
            return null;
        }

        var violations = new List<SchemaViolation>();
        var sink = new ViolationSink(violations, maxErrors);
        var validator = new RecordValidator(sink);
        var invalid = new bool[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            invalid[i] = !schema.Validate(validator, sink, i, records[i].Value);
        }

        return new SchemaCheck(binding, violations, invalid);
    }
}
