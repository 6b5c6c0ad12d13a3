namespace Gateway.Http;

/// <summary>One way a record's value fails its schema: which record, where (JSON Pointer), which keyword, and why.</summary>
internal sealed record SchemaViolation(int Record, string Pointer, string Keyword, string Message)
{
    public string Describe() => $"record {Record} at '{Pointer}': {Keyword}: {Message}";
}
