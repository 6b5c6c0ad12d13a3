using System.Text.Json;
using Gateway.Http;

namespace Gateway.Produce.V3;

/// <summary>
/// Reads <c>{"entries":[{"id":..,...}]}</c> and applies kafka-rest's batch rules, each a 422 / 42208
/// (<c>ProduceBatchAction</c>): a body, valid and distinct ids, at least one entry, at most the maximum.
/// </summary>
internal static class BatchParser
{
    public const int BatchErrorCode = 42208;

    public static GatewayError? Parse(ReadOnlySpan<byte> body, int maxEntries, out List<RecordV3> entries)
    {
        entries = [];
        if (body.TrimStart(" \t\r\n"u8).IsEmpty)
        {
            return Batch("Request body is empty. Data is required.");
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = RecordParserV3.MaxDepth });
        try
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                return Batch("Request body is empty. Data is required.");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return ErrorCatalog.WrongType("(body)", "ProduceBatchRequest");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("entries"u8))
                {
                    return new GatewayError(400, 400, $"Unrecognized field \"{reader.GetString()}\": a batch has entries.");
                }

                reader.Read();
                if (ReadEntries(body, ref reader, entries) is { } error)
                {
                    return error;
                }
            }

            if (reader.Read())
            {
                return ErrorCatalog.MalformedJson("content after the end of the request object.");
            }
        }
        catch (JsonException e)
        {
            return ErrorCatalog.MalformedJson(e.Message);
        }

        if (entries.Any(e => !e.IdIsValid))
        {
            return Batch("Batch entry identifier is not a valid string.");
        }

        if (entries.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count() != entries.Count)
        {
            return Batch("Batch entry IDs are not distinct.");
        }

        return entries.Count == 0 ? Batch("Empty batch.") : entries.Count > maxEntries ? Batch("Too many entries in batch.") : null;
    }

    private static GatewayError? ReadEntries(ReadOnlySpan<byte> body, ref Utf8JsonReader reader, List<RecordV3> entries)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return ErrorCatalog.WrongType("entries", "array of entries");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var error = RecordParserV3.Parse(body[start..(int)reader.BytesConsumed], batchEntry: true, out var entry);
            if (error is not null)
            {
                return error with { Message = $"entries[{entries.Count}]: {error.Message}" };
            }

            entries.Add(entry);
        }

        return null;
    }

    private static GatewayError Batch(string message) => new(422, BatchErrorCode, message);
}
