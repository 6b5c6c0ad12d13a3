namespace Gateway.Consume.Decoding;

/// <summary>The decoder of each format: the registered ones, and a stand-in for schema formats without one.</summary>
internal sealed class RecordDecoders(IEnumerable<IRecordDecoder> decoders)
{
    private readonly Dictionary<RecordFormat, IRecordDecoder> _decoders = decoders
        .GroupBy(d => d.Format).ToDictionary(g => g.Key, g => g.Last());

    public IRecordDecoder For(RecordFormat format) =>
        _decoders.TryGetValue(format, out var decoder) ? decoder : new RegistryFormatDecoder(format);
}
