namespace Gateway.Consume.Decoding;

/// <summary>The decoder of each format.</summary>
internal sealed class RecordDecoders(IEnumerable<IRecordDecoder> decoders)
{
    private readonly Dictionary<RecordFormat, IRecordDecoder> _decoders = decoders
        .GroupBy(d => d.Format).ToDictionary(g => g.Key, g => g.Last());

    public IRecordDecoder For(RecordFormat format) =>
        _decoders.TryGetValue(format, out var decoder) ? decoder : throw new InvalidOperationException($"No decoder is registered for the {format.Name()} format.");
}
