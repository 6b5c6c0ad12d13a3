using System.Globalization;

namespace Gateway.Emulator;

/// <summary>
/// Seeded, realistic rows of the three Pinterest tables, dirty values included: story-format pins with
/// "User Info Error" and "Image src error.", the no-tags placeholder, emoji and newlines in titles,
/// follower counts such as "437", "124k" and "2M", and datetimes as json.dumps(default=str) writes them.
/// </summary>
internal sealed class RowGenerator(int seed) : IDrawSource
{
    private static readonly string[] Categories =
        ["christmas", "art", "quotes", "finance", "education", "mens-fashion", "travel", "diy-and-crafts", "tattoos", "event-planning", "beauty", "vehicles", "home-decor"];

    private static readonly string[] Titles =
        ["25 Super Fun Summer Crafts for Kids", "Island Oasis Coupon Organizer", "Café au lait 🍂 recipes", "Tattoos🤍", "Minimalist\nliving room", "\"Basic\" budgeting tips", ""];

    private static readonly string[] Countries = ["Armenia", "Cote d'Ivoire", "Svalbard & Jan Mayen Islands", "Albania", "Antarctica (the territory South of 60 deg S)", "Türkiye"];
    private static readonly string[] FirstNames = ["Dylan", "Abigail", "Andrew", "Christopher", "Rachel", "Michael"];
    private static readonly string[] LastNames = ["Holmes", "Ali", "Rivera", "Lopez", "Meyer", "Hurst"];
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();

    public Draw Next()
    {
        lock (_lock)
        {
            var index = _random.Next(0, 11_001);
            return new Draw(PythonJson.Dumps(Pin(index)), PythonJson.Dumps(Geo(index)), PythonJson.Dumps(User(index)));
        }
    }

    private List<KeyValuePair<string, object?>> Pin(int index)
    {
        var category = Pick(Categories);
        var story = _random.Next(10) == 0;
        var failed = story && _random.Next(3) == 0;
        return
        [
            new("index", index),
            new("unique_id", Guid.NewGuid().ToString()),
            new("title", failed ? "No Title Data Available" : Pick(Titles)),
            new("description", story ? "No description available Story format" : "Keep the kids busy this summer with these easy diy crafts and projects. Creative and\u2026"),
            new("poster_name", failed ? "User Info Error" : "Of Life & Lisa | Lifestyle Blog"),
            new("follower_count", failed ? "User Info Error" : FollowerCount()),
            new("tag_list", failed || _random.Next(40) == 0 ? string.Join(',', "No Tags Available".ToCharArray()) : "Summer Crafts For Kids,Fun Crafts For Kids,Summer Kids"),
            new("is_image_or_video", story ? "multi-video(story page format)" : _random.Next(30) == 0 ? "video" : "image"),
            new("image_src", failed ? "Image src error." : $"https://i.pinimg.com/originals/b3/bc/e2/{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())}.jpg"),
            new("downloaded", failed ? 0 : 1),
            new("save_location", $"Local save in /data/{category}"),
            new("category", category),
        ];
    }

    private List<KeyValuePair<string, object?>> Geo(int index) =>
    [
        new("ind", index),
        new("timestamp", Moment(2017, 2022)),
        new("latitude", Math.Round((_random.NextDouble() * 180) - 90, 5)),
        new("longitude", Math.Round((_random.NextDouble() * 360) - 180, 5)),
        new("country", Pick(Countries)),
    ];

    private List<KeyValuePair<string, object?>> User(int index) =>
    [
        new("ind", index),
        new("first_name", Pick(FirstNames)),
        new("last_name", Pick(LastNames)),
        new("age", _random.Next(20, 61)),
        new("date_joined", Moment(2015, 2017)),
    ];

    private string FollowerCount() => _random.Next(10) switch
    {
        < 2 => _random.Next(0, 1000).ToString(CultureInfo.InvariantCulture),
        < 9 => $"{_random.Next(1, 999)}k",
        _ => $"{_random.Next(1, 9)}M",
    };

    private string Moment(int fromYear, int toYear) =>
        new DateTime(fromYear, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(_random.NextDouble() * (toYear - fromYear) * 365 * 86_400)
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
