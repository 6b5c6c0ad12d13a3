using System.Text;

namespace Gateway.Serdes;

/// <summary>The well-known types' JSON forms, as Java's <c>JsonFormat</c> prints them.</summary>
internal static partial class ProtoRenderer
{
    private static void RenderWellKnown(ProtoMessage message, ReadOnlySpan<byte> data, JsonOutput output, int depth)
    {
        var occurrences = ProtoReader.Occurrences(message, data);
        ulong Last(int number)
        {
            var at = occurrences.FindLastIndex(o => message.Fields[o.Field].Number == number);
            return at < 0 ? 0 : occurrences[at].Value;
        }

        switch (message.WellKnown)
        {
            case WellKnownType.Timestamp:
                var timestamp = ProtoTime.TimestampText((long)Last(1), (int)Last(2))
                    ?? throw new InvalidDataException($"a google.protobuf.Timestamp of {(long)Last(1)} s and {(int)Last(2)} ns is out of range");
                output.String(timestamp);
                return;
            case WellKnownType.Duration:
                var duration = ProtoTime.DurationText((long)Last(1), (int)Last(2))
                    ?? throw new InvalidDataException($"a google.protobuf.Duration of {(long)Last(1)} s and {(int)Last(2)} ns is out of range");
                output.String(duration);
                return;
            case WellKnownType.FieldMask:
                var paths = new List<string>();
                foreach (var occurrence in occurrences)
                {
                    paths.Add(ProtoNames.ToJsonName(Encoding.UTF8.GetString(data.Slice(occurrence.Start, occurrence.Length))));
                }

                output.String(string.Join(',', paths));
                return;
            case WellKnownType.Struct:
                RenderField(message.Fields[0], 0, true, occurrences, data, output, depth);
                return;
            case WellKnownType.ListValue:
                RenderField(message.Fields[0], 0, true, occurrences, data, output, depth);
                return;
            case WellKnownType.Value:
                if (occurrences.Count == 0)
                {
                    throw new InvalidDataException("a google.protobuf.Value has no kind set");
                }

                var kind = occurrences[^1].Field;
                RenderField(message.Fields[kind], kind, true, occurrences.FindAll(o => o.Field == kind), data, output, depth);
                return;
            case WellKnownType.Any:
                throw new InvalidDataException("google.protobuf.Any is not supported: kafka-rest's JSON printer has no type registry to resolve its type URL");
            default:
                RenderField(message.Fields[0], 0, occurrences.Count > 0, occurrences, data, output, depth);
                return;
        }
    }
}
