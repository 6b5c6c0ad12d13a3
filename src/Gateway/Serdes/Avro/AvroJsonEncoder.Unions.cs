using System.Text.Json;

namespace Gateway.Serdes;

internal sealed partial class AvroJsonEncoder
{
    /// <summary>
    /// A union's value: null for the null branch; an object of one member named for a branch (its full name, or its
    /// name without namespace where no other branch has it) is that branch, tagged, as kafka-rest reads it; any other
    /// value is plain, and is accepted when exactly one branch fits it whole (the branches of its JSON type are tried,
    /// nested values included). A plain value that fits several branches ("5" for int and long) is refused as
    /// ambiguous, naming them.
    /// </summary>
    private void WriteUnion(AvroNode node, JsonElement value)
    {
        var branches = node.Branches;
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (node.NullBranch >= 0)
            {
                _output.WriteZigZag(node.NullBranch);
            }
            else
            {
                Mismatch(node, value);
            }

            return;
        }

        if (_defaults)
        {
            _output.WriteByte(0);
            Write(branches[0], value);
            return;
        }

        if (value.ValueKind == JsonValueKind.Object && TaggedBranch(branches, value, out var tagged, out var label, out var inner))
        {
            _output.WriteZigZag(tagged);
            _path.Push(label);
            Write(branches[tagged], inner);
            _path.Pop();
            return;
        }

        var candidates = 0;
        var first = -1;
        for (var i = 0; i < branches.Length; i++)
        {
            if (Holds(branches[i].Kind, value.ValueKind))
            {
                candidates++;
                first = first < 0 ? i : first;
            }
        }

        if (candidates == 0)
        {
            Mismatch(node, value);
            return;
        }

        if (candidates > 1)
        {
            var fitting = new List<int>(2);
            for (var i = first; i < branches.Length; i++)
            {
                if (Holds(branches[i].Kind, value.ValueKind) && Fits(branches[i], value))
                {
                    fitting.Add(i);
                }
            }

            if (fitting.Count != 1)
            {
                var named = string.Join(", ", (fitting.Count == 0 ? Enumerable.Range(first, branches.Length - first)
                    .Where(i => Holds(branches[i].Kind, value.ValueKind)) : fitting).Select(i => branches[i].Label));
                Fail("union", fitting.Count == 0
                    ? $"fits none of the union's branches of its JSON type ({named}); tag it, e.g. {{\"{branches[first].Label}\": ...}}"
                    : $"is ambiguous: it fits the union's branches {named}; tag it, e.g. {{\"{branches[fitting[0]].Label}\": ...}}");
                return;
            }

            first = fitting[0];
        }

        _output.WriteZigZag(first);
        Write(branches[first], value);
    }

    private static bool TaggedBranch(AvroNode[] branches, JsonElement value, out int branch, out string label, out JsonElement inner)
    {
        branch = -1;
        label = "";
        inner = default;
        using var members = value.EnumerateObject();
        if (!members.MoveNext())
        {
            return false;
        }

        var member = members.Current;
        if (members.MoveNext())
        {
            return false;
        }

        for (var i = 0; i < branches.Length; i++)
        {
            if (member.NameEquals(branches[i].LabelUtf8))
            {
                branch = i;
                break;
            }
        }

        if (branch < 0)
        {
            for (var i = 0; i < branches.Length; i++)
            {
                if (branches[i].ShortName != branches[i].Label && member.NameEquals(branches[i].ShortName))
                {
                    if (branch >= 0)
                    {
                        return false;
                    }

                    branch = i;
                }
            }
        }

        if (branch < 0)
        {
            return false;
        }

        label = member.Name;
        inner = member.Value;
        return true;
    }

    // Which branches a plain value of a JSON type can be meant for.
    private static bool Holds(AvroKind kind, JsonValueKind json) => kind switch
    {
        AvroKind.Boolean => json is JsonValueKind.True or JsonValueKind.False,
        AvroKind.Int or AvroKind.Long or AvroKind.Float or AvroKind.Double => json == JsonValueKind.Number,
        AvroKind.String or AvroKind.Bytes or AvroKind.Fixed or AvroKind.Enum => json == JsonValueKind.String,
        AvroKind.Array => json == JsonValueKind.Array,
        AvroKind.Map or AvroKind.Record => json == JsonValueKind.Object,
        AvroKind.Union => true,
        _ => false,
    };

    // Tries a branch without reporting or keeping anything.
    private bool Fits(AvroNode branch, JsonElement value)
    {
        var length = _output.Length;
        var failed = _failed;
        _failed = false;
        _probing++;
        Write(branch, value);
        _probing--;
        var fits = !_failed;
        _failed = failed;
        _output.Truncate(length);
        return fits;
    }
}
