namespace Gateway.Serdes;

/// <summary>
/// Renders a Protobuf message as kafka-rest's consumer does (Java's <c>JsonFormat.printer().includingDefaultValueFields()</c>,
/// re-read and written by Jackson): fields by JSON name in field-number order; unset scalars, repeated fields and maps
/// printed at their defaults, unset messages and oneof members left out; enums by name (a number when the enum has no
/// name for it); 64-bit integers as strings; bytes in base64; the well-known types in their own JSON forms.
/// </summary>
internal static partial class ProtoRenderer
{
    private const int MaxDepth = 100;

    /// <exception cref="InvalidDataException">The bytes are not a message of this type.</exception>
    public static void Render(ProtoMessage message, ReadOnlySpan<byte> data, JsonOutput output, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"messages nest more than {MaxDepth} levels deep");
        }

        if (message.WellKnown != WellKnownType.None)
        {
            RenderWellKnown(message, data, output, depth);
            return;
        }

        var occurrences = ProtoReader.Occurrences(message, data);
        var fields = message.Fields;
        Span<int> winners = message.Oneofs.Length <= 64 ? stackalloc int[message.Oneofs.Length] : new int[message.Oneofs.Length];
        winners.Fill(-1);
        foreach (var occurrence in occurrences)
        {
            if (fields[occurrence.Field].Oneof is var oneof and >= 0)
            {
                winners[oneof] = occurrence.Field;
            }
        }

        output.StartObject();
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (field.Oneof >= 0 && winners[field.Oneof] != i)
            {
                continue;
            }

            var present = occurrences.Exists(o => o.Field == i);
            if (!present && field.IsMessage && !field.Repeated)
            {
                continue;
            }

            output.Name(field.JsonNameUtf8);
            RenderField(field, i, present, occurrences, data, output, depth);
        }

        output.EndObject();
    }

    private static void RenderField(ProtoField field, int index, bool present, List<ProtoOccurrence> occurrences, ReadOnlySpan<byte> data, JsonOutput output, int depth)
    {
        if (field.IsMap)
        {
            output.StartObject();
            foreach (var occurrence in occurrences)
            {
                if (occurrence.Field == index)
                {
                    RenderEntry(field.Message!, data.Slice(occurrence.Start, occurrence.Length), output, depth);
                }
            }

            output.EndObject();
            return;
        }

        if (field.Repeated)
        {
            output.StartArray();
            foreach (var occurrence in occurrences)
            {
                if (occurrence.Field != index)
                {
                    continue;
                }

                if (field.IsMessage)
                {
                    Render(field.Message!, data.Slice(occurrence.Start, occurrence.Length), output, depth + 1);
                }
                else if (occurrence.WireType == ProtoScalars.LengthDelimited && field.Packable)
                {
                    RenderPacked(field, data.Slice(occurrence.Start, occurrence.Length), output);
                }
                else
                {
                    RenderScalar(field, occurrence.Value, data.Slice(occurrence.Start, occurrence.Length), output);
                }
            }

            output.EndArray();
            return;
        }

        if (!present)
        {
            RenderDefault(field, output);
            return;
        }

        if (field.IsMessage)
        {
            // A message that occurs more than once is the merge of its occurrences, which is the parse of them joined.
            var parts = occurrences.FindAll(o => o.Field == index);
            if (parts.Count == 1)
            {
                Render(field.Message!, data.Slice(parts[0].Start, parts[0].Length), output, depth + 1);
                return;
            }

            var joined = new List<byte>();
            foreach (var part in parts)
            {
                joined.AddRange(data.Slice(part.Start, part.Length));
            }

            Render(field.Message!, joined.ToArray(), output, depth + 1);
            return;
        }

        var last = occurrences.FindLast(o => o.Field == index);
        RenderScalar(field, last.Value, data.Slice(last.Start, last.Length), output);
    }

    private static void RenderPacked(ProtoField field, ReadOnlySpan<byte> run, JsonOutput output)
    {
        var offset = 0;
        var wireType = ProtoScalars.WireTypeOf(field.Type);
        while (offset < run.Length)
        {
            var value = wireType switch
            {
                ProtoScalars.Fixed64 => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(ProtoReader.Take(run, ref offset, 8)),
                ProtoScalars.Fixed32 => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(ProtoReader.Take(run, ref offset, 4)),
                _ => ProtoReader.ReadVarint(run, ref offset),
            };
            RenderScalar(field, value, default, output);
        }
    }

    // A map entry: key and value, each at its default when the entry leaves it out.
    private static void RenderEntry(ProtoMessage entry, ReadOnlySpan<byte> data, JsonOutput output, int depth)
    {
        var occurrences = ProtoReader.Occurrences(entry, data);
        var key = entry.Fields[0];
        var keyAt = occurrences.FindLastIndex(o => o.Field == 0);
        output.Name(keyAt < 0 ? KeyText(key, 0, default) : KeyText(key, occurrences[keyAt].Value, data.Slice(occurrences[keyAt].Start, occurrences[keyAt].Length)));
        var value = entry.Fields[1];
        var present = occurrences.Exists(o => o.Field == 1);
        if (!present && value.IsMessage)
        {
            Render(value.Message!, [], output, depth + 1);
            return;
        }

        RenderField(value, 1, present, occurrences, data, output, depth);
    }
}
