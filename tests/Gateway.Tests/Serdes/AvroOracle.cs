using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry.Serdes;

namespace Gateway.Tests.Serdes;

/// <summary>Confluent's own Avro serializer, the bytes the gateway's must equal.</summary>
internal static class AvroOracle
{
    public static byte[] Serialize(GenericRecord record)
    {
        using var registry = FixedIdRegistry.Create();
        var serializer = new AvroSerializer<GenericRecord>(registry, new AvroSerializerConfig { AutoRegisterSchemas = true });
        return serializer.SerializeAsync(record, new SerializationContext(MessageComponentType.Value, "t")).GetAwaiter().GetResult();
    }

    public static RecordSchema Parse(string schema) => (RecordSchema)Schema.Parse(schema);

    /// <summary>A record of <paramref name="schema"/> with the given fields (a nested record is made from a field list too).</summary>
    public static GenericRecord Record(RecordSchema schema, params (string Name, object? Value)[] fields)
    {
        var record = new GenericRecord(schema);
        foreach (var (name, value) in fields)
        {
            record.Add(name, value);
        }

        return record;
    }

    public static RecordSchema RecordOf(Schema schema, string field)
    {
        var type = ((RecordSchema)schema)[field].Schema;
        return type switch
        {
            RecordSchema record => record,
            UnionSchema union => union.Schemas.OfType<RecordSchema>().Single(),
            ArraySchema { ItemSchema: RecordSchema items } => items,
            _ => throw new ArgumentException($"field {field} holds no record"),
        };
    }

    public static T Named<T>(Schema schema, string field)
        where T : Schema
    {
        var type = ((RecordSchema)schema)[field].Schema;
        return type as T ?? ((UnionSchema)type).Schemas.OfType<T>().Single();
    }
}
