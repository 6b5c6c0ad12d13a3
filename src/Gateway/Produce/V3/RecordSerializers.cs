using Gateway.Http;
using Gateway.Registry.Formats;

namespace Gateway.Produce.V3;

/// <summary>A key or value in the bytes Kafka will store, or why it cannot be; with the schema used, if any.</summary>
internal readonly record struct SerializedData(byte[]? Bytes, GatewayError? Error)
{
    public string? Subject { get; init; }

    public int? SchemaId { get; init; }

    public int? SchemaVersion { get; init; }

    /// <summary>The format of the schema the data was written under; null without one.</summary>
    public SchemaType? Type { get; init; }

    public static SerializedData Failed(GatewayError error) => new(null, error);
}

/// <summary>
/// Turns one v3 key or value of the types it handles into Kafka bytes. <c>type</c> null is a schema
/// lookup (by <c>schema_id</c>, <c>schema_version</c> or the subject's latest). Registered with
/// <c>TryAddEnumerable</c>; the schema types' serializer slots in beside the built-in ones.
/// </summary>
internal interface IRecordDataSerializer
{
    bool Handles(string? type);

    ValueTask<SerializedData> SerializeAsync(ProduceTarget target, RecordData data, bool isKey);
}

/// <summary>The serializer for each type: the first registered one that handles it, else kafka-rest's answer without a registry.</summary>
internal sealed class RecordSerializers(IEnumerable<IRecordDataSerializer> serializers)
{
    private readonly IRecordDataSerializer[] _serializers = [.. serializers];

    public ValueTask<SerializedData> SerializeAsync(ProduceTarget target, RecordData data, bool isKey)
    {
        foreach (var serializer in _serializers)
        {
            if (serializer.Handles(data.Type))
            {
                return serializer.SerializeAsync(target, data, isKey);
            }
        }

        return new(SerializedData.Failed(NoSchemaRegistry));
    }

    /// <summary>kafka-rest's per-record answer for any schema use when no Schema Registry is configured.</summary>
    public static GatewayError NoSchemaRegistry { get; } =
        new(422, 422, "Error: 42206 : Payload error. Schema Registry must be configured when using schemas.");
}

/// <summary>BINARY (base64), JSON (compact UTF-8 JSON, the bytes v2 stores) and STRING (UTF-8, no quotes); <c>data</c> null is a Kafka null.</summary>
internal sealed class SchemalessSerializer : IRecordDataSerializer
{
    public bool Handles(string? type) => type is "BINARY" or "JSON" or "STRING";

    public ValueTask<SerializedData> SerializeAsync(ProduceTarget target, RecordData data, bool isKey) => new(Serialize(data));

    private static SerializedData Serialize(RecordData data)
    {
        if (data.IsNull)
        {
            return new(null, null);
        }

        return data.Type switch
        {
            "JSON" => new(data.Compact, null),
            "STRING" => data.Text is { } text
                ? new(text, null)
                : SerializedData.Failed(new GatewayError(400, 400, $"Bad Request: data={data.DataText} is not a string.")),
            _ => data.Text is null
                ? SerializedData.Failed(new GatewayError(400, 400, $"Bad Request: data={data.DataText} is not a base64 string."))
                : Base64Data.Decode(data.Text) is { } bytes
                    ? new(bytes, null)
                    : SerializedData.Failed(new GatewayError(400, 400, $"Bad Request: data={Shorten(data.DataText)} is not a valid base64 string.")),
        };
    }

    private static string Shorten(string text) => text.Length <= 66 ? text : text[..66] + "...\"";
}
