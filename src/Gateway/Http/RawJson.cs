using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Http;

/// <summary>JSON text already checked and compact, written into an answer as it is.</summary>
[JsonConverter(typeof(RawJsonConverter))]
internal sealed class RawJson(byte[] utf8)
{
    public byte[] Utf8 { get; } = utf8;
}

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement, KafkaRestJson.Context.JsonElement));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8, skipInputValidation: true);
}
