using Gateway.Http;

namespace Gateway.Serdes;

/// <summary>
/// Collects the ways the values of one request fail their schemas, up to a limit shared by the whole request,
/// each with the record's index (set <see cref="Record"/> before converting each value) and a JSON Pointer into
/// the record's value.
/// </summary>
internal sealed class ViolationSink(List<SchemaViolation> violations, int limit)
{
    /// <summary>The index of the record whose value is being converted; violations carry it.</summary>
    public int Record { get; set; }

    /// <summary><c>key</c> while a record's key is being converted, null for its value; violations carry it.</summary>
    public string? Field { get; set; }

    /// <summary>True once the limit is reached: further violations are not kept.</summary>
    public bool Full => violations.Count >= limit;

    public IReadOnlyList<SchemaViolation> Violations => violations;

    public void Add(string pointer, string keyword, string message)
    {
        if (!Full)
        {
            violations.Add(new SchemaViolation(Record, pointer, keyword, message) { Field = Field });
        }
    }
}
