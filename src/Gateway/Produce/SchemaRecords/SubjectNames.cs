using System.Text.Json;
using Gateway.Http;
using Gateway.Registry.Formats;

namespace Gateway.Produce.SchemaRecords;

/// <summary>kafka-rest's subject name strategies (Confluent's serializers' classes of the same names).</summary>
internal enum SubjectNameStrategy
{
    /// <summary><c>&lt;topic&gt;-key</c> / <c>&lt;topic&gt;-value</c>; the default.</summary>
    TopicName,

    /// <summary>The schema's record name, whatever the topic.</summary>
    RecordName,

    /// <summary><c>&lt;topic&gt;-&lt;record name&gt;</c>.</summary>
    TopicRecordName,
}

internal static class SubjectNames
{
    /// <summary>v3's <c>subject_name_strategy</c> values; null for any other.</summary>
    public static SubjectNameStrategy? Parse(string? wireName) => wireName switch
    {
        "TOPIC_NAME" => SubjectNameStrategy.TopicName,
        "RECORD_NAME" => SubjectNameStrategy.RecordName,
        "TOPIC_RECORD_NAME" => SubjectNameStrategy.TopicRecordName,
        _ => null,
    };

    public static string WireName(this SubjectNameStrategy strategy) => strategy switch
    {
        SubjectNameStrategy.RecordName => "RECORD_NAME",
        SubjectNameStrategy.TopicRecordName => "TOPIC_RECORD_NAME",
        _ => "TOPIC_NAME",
    };

    /// <summary>
    /// The subject the strategy names for a key or value of <paramref name="topic"/>; null when the strategy needs a
    /// schema and none is given (a version or the latest is asked for), as Confluent's strategies answer then.
    /// </summary>
    public static (string? Subject, GatewayError? Error) For(SubjectNameStrategy strategy, string topic, bool isKey, ParsedSchema? schema)
    {
        if (strategy == SubjectNameStrategy.TopicName)
        {
            return (isKey ? topic + "-key" : topic + "-value", null);
        }

        if (schema is null)
        {
            return (null, null);
        }

        if (RecordName(schema) is not { } name)
        {
            var className = strategy == SubjectNameStrategy.RecordName ? "RecordNameStrategy" : "TopicRecordNameStrategy";
            var part = isKey ? "key" : "value";
            return (null, new GatewayError(422, 42207,
                $"Error serializing message. In configuration {part}.subject.name.strategy = io.confluent.kafka.serializers.subject.{className}, the message {part} must only be a record schema"));
        }

        return (strategy == SubjectNameStrategy.RecordName ? name : $"{topic}-{name}", null);
    }

    /// <summary>Confluent's <c>ParsedSchema.name()</c>: an Avro record's full name, a JSON Schema's title, the first Protobuf message (or enum).</summary>
    public static string? RecordName(ParsedSchema schema) => schema switch
    {
        AvroParsedSchema { Schema: Avro.RecordSchema record } => record.Fullname,
        JsonParsedSchema json => json.Root.ValueKind == JsonValueKind.Object && json.Root.TryGetProperty("title", out var title) ? TextOf(title) : null,
        ProtobufParsedSchema proto => FirstType(proto),
        _ => null,
    };

    private static string? FirstType(ProtobufParsedSchema proto)
    {
        var name = proto.Main.MessageTypes.FirstOrDefault()?.Name ?? proto.Main.EnumTypes.FirstOrDefault()?.Name;
        return name is null ? null : string.IsNullOrEmpty(proto.Main.Package) ? name : $"{proto.Main.Package}.{name}";
    }

    /// <summary>Jackson's <c>asText()</c>: a string's text, any other scalar as written.</summary>
    private static string TextOf(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
