namespace Gateway.Emulator;

/// <summary>One emulator draw: the pin, geo and user row of the same index, each as the JSON text posted.</summary>
internal sealed record Draw(string Pin, string Geo, string User);

/// <summary>Where draws come from.</summary>
internal interface IDrawSource
{
    Draw Next();
}

/// <summary>Real rows from <c>pin.jsonl</c>, <c>geo.jsonl</c> and <c>user.jsonl</c> (line n of each is one draw), in a loop.</summary>
internal sealed class FileDraws : IDrawSource
{
    private readonly Draw[] _draws;
    private int _next = -1;

    public FileDraws(string folder)
    {
        string[] Lines(string table) => File.ReadAllLines(Path.Combine(folder, $"{table}.jsonl")).Where(l => l.Length > 0).ToArray();
        var (pins, geos, users) = (Lines("pin"), Lines("geo"), Lines("user"));
        _draws = Enumerable.Range(0, new[] { pins.Length, geos.Length, users.Length }.Min())
            .Select(i => new Draw(pins[i], geos[i], users[i]))
            .ToArray();
        if (_draws.Length == 0)
        {
            throw new InvalidDataException($"{folder} holds no rows.");
        }
    }

    public Draw Next() => _draws[(int)((uint)Interlocked.Increment(ref _next) % _draws.Length)];
}
