using Gateway.Registry;
using Gateway.Serdes;

namespace Gateway.Schemas;

/// <summary>
/// The JSON Schema a bound topic's json and binary values are checked against: the binding's file, compiled at
/// start-up, or a JSON Schema of its registry subject (compiled into the same validator where its keywords allow).
/// </summary>
internal sealed class ValueSchema
{
    private static readonly byte[] Null = "null"u8.ToArray();
    private readonly CompiledSchema? _compiled;
    private readonly RegisteredSchema? _registered;

    private ValueSchema(CompiledSchema? compiled, RegisteredSchema? registered)
    {
        _compiled = compiled;
        _registered = registered;
    }

    public static ValueSchema Of(CompiledSchema compiled) => new(compiled, null);

    /// <summary>A registry schema: compiled into the single-pass validator when its keywords allow, else checked by the full one.</summary>
    public static ValueSchema Of(RegisteredSchema registered) => new(JsonSchemaSerde.CompiledOf(registered.Parsed), registered);

    /// <summary>Checks record <paramref name="record"/>'s value (null: a Kafka null, checked as JSON null); false when it has violations.</summary>
    public bool Validate(RecordValidator validator, ViolationSink violations, int record, byte[]? value)
    {
        if (_compiled is { } compiled)
        {
            return value is null ? validator.ValidateNull(record, compiled) : validator.Validate(record, value, compiled);
        }

        violations.Record = record;
        return JsonSchemaSerde.Validate(_registered!.Parsed, value ?? Null, violations);
    }
}
