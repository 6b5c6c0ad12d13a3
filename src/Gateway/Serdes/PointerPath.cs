using System.Text;

namespace Gateway.Serdes;

/// <summary>
/// Where in a value a serde is: a stack of member names and array indexes, turned into a JSON Pointer
/// (RFC 6901) only when a violation needs one, so walking a valid value costs no strings.
/// </summary>
internal sealed class PointerPath
{
    private readonly List<(string? Name, int Index)> _segments = [];

    public void Clear() => _segments.Clear();

    public void Push(string name) => _segments.Add((name, 0));

    public void Push(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    /// <summary>The pointer of the current place; "" for the whole value.</summary>
    public string Pointer()
    {
        if (_segments.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var (name, index) in _segments)
        {
            text.Append('/');
            if (name is null)
            {
                text.Append(index);
            }
            else
            {
                text.Append(name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
            }
        }

        return text.ToString();
    }

    /// <summary>The pointer of a member of the current place.</summary>
    public string Pointer(string member)
    {
        Push(member);
        var pointer = Pointer();
        Pop();
        return pointer;
    }
}
