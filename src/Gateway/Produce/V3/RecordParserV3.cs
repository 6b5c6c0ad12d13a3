using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Http;

namespace Gateway.Produce.V3;

/// <summary>
/// Reads one v3 record object (<c>partition_id</c>, <c>headers</c>, <c>key</c>, <c>value</c>, <c>timestamp</c>,
/// and <c>id</c> in a batch) and applies kafka-rest's rules for the schema fields of a key or value. Every
/// failure is a 400 for this record alone, as kafka-rest's Jackson mapping errors are.
/// </summary>
internal static partial class RecordParserV3
{
    public const int MaxDepth = 64;

    /// <summary>The data types kafka-rest knows (its <c>EmbeddedFormat</c>).</summary>
    public static readonly string[] Types = ["BINARY", "JSON", "STRING", "AVRO", "JSONSCHEMA", "PROTOBUF"];

    private static readonly string[] Strategies = ["TOPIC_NAME", "RECORD_NAME", "TOPIC_RECORD_NAME"];
    private static readonly JsonReaderOptions Options = new() { MaxDepth = MaxDepth };

    public static GatewayError? Parse(ReadOnlySpan<byte> json, bool batchEntry, out RecordV3 record)
    {
        record = new RecordV3 { Size = json.Length };
        var reader = new Utf8JsonReader(json, Options);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return NotAnObject();
            }

            var scratch = new ArrayBufferWriter<byte>(256);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var error = ReadField(ref reader, batchEntry, record, scratch);
                if (error is not null)
                {
                    return error;
                }
            }

            return reader.Read() ? ErrorCatalog.MalformedJson("content after the end of the record object.") : null;
        }
        catch (JsonException e)
        {
            return ProcessingError(e.Message);
        }
    }

    public static GatewayError NotAnObject() =>
        new(400, 400, "Error processing message: a record is a JSON object, {\"key\":..,\"value\":..}; this value is not one.");

    public static GatewayError ProcessingError(string detail) =>
        new(400, 400, $"Error processing message: {detail.Split('\n')[0].Trim()}");

    private static GatewayError? ReadField(ref Utf8JsonReader reader, bool batchEntry, RecordV3 record, ArrayBufferWriter<byte> scratch)
    {
        if (reader.ValueTextEquals("value"u8) || reader.ValueTextEquals("key"u8))
        {
            var isKey = reader.ValueTextEquals("key"u8);
            reader.Read();
            var error = ReadData(ref reader, isKey ? "key" : "value", scratch, out var data);
            if (isKey)
            {
                record.Key = data;
            }
            else
            {
                record.Value = data;
            }

            return error;
        }

        if (reader.ValueTextEquals("partition_id"u8))
        {
            reader.Read();
            var error = ReadInt(ref reader, "partition_id", out var partition);
            record.PartitionId = partition;
            return error;
        }

        if (reader.ValueTextEquals("headers"u8))
        {
            reader.Read();
            return ReadHeaders(ref reader, record);
        }

        if (reader.ValueTextEquals("timestamp"u8))
        {
            reader.Read();
            return ReadTimestamp(ref reader, record);
        }

        if (batchEntry && reader.ValueTextEquals("id"u8))
        {
            reader.Read();
            record.IdIsValid = reader.TokenType == JsonTokenType.String;
            record.Id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            record.IdIsValid &= record.Id is { Length: >= 1 and <= 80 } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
            reader.Skip();
            return null;
        }

        return new GatewayError(400, 400, $"Unrecognized field \"{reader.GetString()}\": a record has partition_id, headers, key, value and timestamp.");
    }

    private static GatewayError? ReadData(ref Utf8JsonReader reader, string field, ArrayBufferWriter<byte> scratch, out RecordData? data)
    {
        data = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return ErrorCatalog.WrongType(field, "ProduceRequestData");
        }

        string? type = null, subject = null, strategy = null, schema = null;
        int? schemaId = null, schemaVersion = null;
        byte[] compact = "null"u8.ToArray();
        byte[]? text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            GatewayError? error = null;
            if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                text = reader.TokenType == JsonTokenType.String ? Encoding.UTF8.GetBytes(reader.GetString()!) : null;
                scratch.ResetWrittenCount();
                CompactJson.Write(ref reader, scratch);
                compact = scratch.WrittenSpan.ToArray();
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                error = ReadEnum(ref reader, $"{field}.type", "EmbeddedFormat", Types, out type);
            }
            else if (reader.ValueTextEquals("subject_name_strategy"u8))
            {
                reader.Read();
                error = ReadEnum(ref reader, $"{field}.subject_name_strategy", "EnumSubjectNameStrategy", Strategies, out strategy);
            }
            else if (reader.ValueTextEquals("subject"u8) || reader.ValueTextEquals("schema"u8))
            {
                var isSubject = reader.ValueTextEquals("subject"u8);
                reader.Read();
                error = ReadString(ref reader, $"{field}.{(isSubject ? "subject" : "schema")}", out var value);
                (subject, schema) = isSubject ? (value, schema) : (subject, value);
            }
            else if (reader.ValueTextEquals("schema_id"u8))
            {
                reader.Read();
                error = ReadInt(ref reader, $"{field}.schema_id", out schemaId);
            }
            else if (reader.ValueTextEquals("schema_version"u8))
            {
                reader.Read();
                error = ReadInt(ref reader, $"{field}.schema_version", out schemaVersion);
            }
            else
            {
                return new GatewayError(400, 400, $"Unrecognized field \"{reader.GetString()}\" in {field}: it has type, data, subject, subject_name_strategy, schema_id, schema_version and schema.");
            }

            if (error is not null)
            {
                return error;
            }
        }

        data = new RecordData(type, compact, text, compact is [(byte)'n', (byte)'u', (byte)'l', (byte)'l'])
        {
            Subject = subject, SubjectNameStrategy = strategy, SchemaId = schemaId, SchemaVersion = schemaVersion, Schema = schema,
        };
        return SchemaFieldRules.Check(data);
    }

    private static GatewayError? ReadEnum(ref Utf8JsonReader reader, string field, string typeName, string[] allowed, out string? value)
    {
        value = null;
        if (ReadString(ref reader, field, out var text) is { } error)
        {
            return error;
        }

        if (text is null || allowed.Contains(text, StringComparer.Ordinal))
        {
            value = text;
            return null;
        }

        return new GatewayError(400, 400,
            $"Cannot deserialize value of type `{typeName}` from String \"{Shorten(text)}\": not one of the values accepted for {field}: [{string.Join(", ", allowed)}]");
    }

    private static GatewayError? ReadString(ref Utf8JsonReader reader, string field, out string? value)
    {
        value = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            _ => null,
        };
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.Null)
        {
            return null;
        }

        reader.Skip();
        return ErrorCatalog.WrongType(field, "string");
    }

    private static GatewayError? ReadInt(ref Utf8JsonReader reader, string field, out int? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            value = number;
            return null;
        }

        reader.Skip();
        return ErrorCatalog.WrongType(field, "int");
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
