using Gateway.Http;
using Gateway.Kafka;

namespace Gateway.Schemas;

/// <summary>The outcome of checking a batch: every violation (bounded) and which records failed.</summary>
internal sealed class SchemaCheck(SchemaBinding binding, List<SchemaViolation> violations, bool[] invalid)
{
    public SchemaBinding Binding { get; } = binding;

    public IReadOnlyList<SchemaViolation> Violations { get; } = violations;

    public int InvalidCount { get; } = invalid.Count(i => i);

    public bool IsInvalid(int record) => invalid[record];

    public IReadOnlyList<SchemaViolation> ViolationsOf(int record) => violations.Where(v => v.Record == record).ToArray();

    /// <summary>Checks every record's value, in either format, unless the binding lets binary payloads through.</summary>
    public static SchemaCheck? Run(SchemaBinding binding, EmbeddedFormat format, IReadOnlyList<ProduceRecord> records, int maxErrors)
    {
        if (format == EmbeddedFormat.Binary && !binding.ValidatesBinaryPayloads)
        {
            return null;
        }

        var violations = new List<SchemaViolation>();
        var validator = new RecordValidator(violations, maxErrors);
        var invalid = new bool[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            invalid[i] = records[i].Value is { } value
                ? !validator.Validate(i, value, binding.Schema)
                : !validator.ValidateNull(i, binding.Schema);
        }

        return new SchemaCheck(binding, violations, invalid);
    }
}
