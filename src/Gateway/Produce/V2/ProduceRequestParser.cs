using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Gateway.Http;
using Gateway.Kafka;

namespace Gateway.Produce.V2;

/// <summary>
/// Reads a kafka-rest v2 produce body, <c>{"records":[{"key":..,"value":..,"partition":..}]}</c>, into
/// records in Kafka's bytes, failing the way kafka-rest fails: malformed JSON 400, an unknown field
/// 422 <c>Unrecognized field: name</c> as soon as it is met, no records 422, bad base64 400.
/// </summary>
internal static class ProduceRequestParser
{
    /// <summary>Deep enough for any real record; deeper input is refused before it costs anything.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    public static GatewayError? Parse(ReadOnlySpan<byte> body, EmbeddedFormat format, List<ProduceRecord> records) =>
        Parse(body, format, records, out _);

    /// <summary>Parses the body; <paramref name="schemas"/> are its <c>key_schema</c>, <c>key_schema_id</c>, <c>value_schema</c> and <c>value_schema_id</c>.</summary>
    public static GatewayError? Parse(ReadOnlySpan<byte> body, EmbeddedFormat format, List<ProduceRecord> records, out SchemaFields schemas)
    {
        schemas = default;
        if (IsBlank(body))
        {
            return ErrorCatalog.EmptyBody();
        }

        var reader = new Utf8JsonReader(body, ReaderOptions);
        var scratch = new ArrayBufferWriter<byte>(512);
        try
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                return ErrorCatalog.EmptyBody();
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return ErrorCatalog.WrongType("(body)", "ProduceRequest");
            }

            var error = ReadRequest(ref reader, format, records, scratch, ref schemas);
            if (error is not null)
            {
                return error;
            }

            // A second top-level value after the request is malformed input, not something to ignore.
            if (reader.Read())
            {
                return ErrorCatalog.MalformedJson("content after the end of the request object.");
            }
        }
        catch (JsonException e)
        {
            return ErrorCatalog.MalformedJson(e.Message);
        }
        catch (InvalidOperationException e)
        {
            // The reader refuses to decode text it cannot turn into Unicode (an invalid escape or UTF-8 sequence).
            return ErrorCatalog.MalformedJson(e.Message);
        }

        return records.Count == 0 ? ErrorCatalog.EmptyRecords() : null;
    }

    private static GatewayError? ReadRequest(
        ref Utf8JsonReader reader, EmbeddedFormat format, List<ProduceRecord> records, ArrayBufferWriter<byte> scratch, ref SchemaFields schemas)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("records"u8))
            {
                reader.Read();
                var error = ReadRecords(ref reader, format, records, scratch);
                if (error is not null)
                {
                    return error;
                }
            }
            else if (SchemaFields.Names(ref reader) is { } field)
            {
                // Read in every format; the json and binary formats use value_schema_id only on a subject-bound topic.
                reader.Read();
                var error = schemas.Read(ref reader, field);
                if (error is not null)
                {
                    return error;
                }
            }
            else
            {
                return Unrecognized(ref reader);
            }
        }

        return null;
    }

    private static GatewayError? ReadRecords(
        ref Utf8JsonReader reader, EmbeddedFormat format, List<ProduceRecord> records, ArrayBufferWriter<byte> scratch)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return ErrorCatalog.WrongType("records", "array of records");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return ErrorCatalog.WrongType($"records[{records.Count}]", "record object");
            }

            var error = ReadRecord(ref reader, format, scratch, out var record);
            if (error is not null)
            {
                return error;
            }

            records.Add(record);
        }

        return null;
    }

    private static GatewayError? ReadRecord(
        ref Utf8JsonReader reader, EmbeddedFormat format, ArrayBufferWriter<byte> scratch, out ProduceRecord record)
    {
        record = default;
        byte[]? key = null;
        byte[]? value = null;
        int? partition = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            GatewayError? error;
            if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                error = ReadData(ref reader, format, "value", scratch, out value);
            }
            else if (reader.ValueTextEquals("key"u8))
            {
                reader.Read();
                error = ReadData(ref reader, format, "key", scratch, out key);
            }
            else if (reader.ValueTextEquals("partition"u8))
            {
                reader.Read();
                error = ReadPartition(ref reader, out partition);
            }
            else
            {
                return Unrecognized(ref reader);
            }

            if (error is not null)
            {
                return error;
            }
        }

        record = new ProduceRecord(key, value, partition);
        return null;
    }

    private static GatewayError? ReadPartition(ref Utf8JsonReader reader, out int? partition)
    {
        partition = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
        {
            reader.Skip();
            return ErrorCatalog.WrongType("partition", "int");
        }

        partition = value;
        return null;
    }

    private static GatewayError? ReadData(
        ref Utf8JsonReader reader, EmbeddedFormat format, string field, ArrayBufferWriter<byte> scratch, out byte[]? data)
    {
        data = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (format != EmbeddedFormat.Binary)
        {
            scratch.ResetWrittenCount();
            CompactJson.Write(ref reader, scratch);
            data = scratch.WrittenSpan.ToArray();
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            scratch.ResetWrittenCount();
            CompactJson.Write(ref reader, scratch);
            return ErrorCatalog.NotBase64(field, Encoding.UTF8.GetString(scratch.WrittenSpan));
        }

        if (Text(ref reader) is not { } text)
        {
            return ErrorCatalog.NotUtf8($"the {field}");
        }

        data = Base64Data.Decode(Encoding.UTF8.GetBytes(text));
        return data is null ? ErrorCatalog.InvalidBase64(field, Shorten(text)) : null;
    }

    private static GatewayError Unrecognized(ref Utf8JsonReader reader) =>
        Text(ref reader) is { } name ? ErrorCatalog.UnrecognizedField(name) : ErrorCatalog.NotUtf8("a field name");

    /// <summary>The string or name the reader is on, or null when its bytes or escapes are not Unicode text.</summary>
    private static string? Text(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !Utf8.IsValid(reader.ValueSpan))
        {
            return null;
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 64 ? $"\"{text}\"" : $"\"{text[..64]}...\"";

    private static bool IsBlank(ReadOnlySpan<byte> body) => body.TrimStart(" \t\r\n"u8).IsEmpty;
}
