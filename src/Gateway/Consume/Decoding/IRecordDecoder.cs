using Gateway.Http;

namespace Gateway.Consume.Decoding;

/// <summary>
/// Shows the bytes of a record's key or value in one embedded format, as the JSON value an answer
/// carries. One decoder per format; the schema formats add theirs through the container.
/// </summary>
internal interface IRecordDecoder
{
    RecordFormat Format { get; }

    /// <summary>The JSON for <paramref name="data"/>, or why these bytes cannot be shown in this format.</summary>
    DecodedValue Decode(string topic, byte[] data);
}

/// <summary>A key or value as JSON, or the reason it could not be decoded.</summary>
internal readonly record struct DecodedValue(RawJson? Json, string? Problem)
{
    public static DecodedValue Of(byte[] json) => new(new RawJson(json), null);

    public static DecodedValue Failed(string problem) => new(null, problem);
}
