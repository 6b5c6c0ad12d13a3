namespace Gateway.Produce.V2;

/// <summary>Request bodies Swagger UI offers to try: a real pin, geo and user row as the emulator posts them.</summary>
internal static class ProduceExampleBodies
{
    public const string Pin = """
        {"records": [{"value": {"index": 2863, "unique_id": "9bf39437-42a6-4f02-99a0-9a0383d8cd70", "title": "25 Super Fun Summer Crafts for Kids - Of Life and Lisa", "description": "Keep the kids busy this summer with these easy diy crafts and projects. Creative and\u2026", "poster_name": "Of Life & Lisa | Lifestyle Blog", "follower_count": "124k", "tag_list": "Summer Crafts For Kids,Fun Crafts For Kids,Summer Kids,Toddler Crafts,Crafts To Do,Diy For Kids,Summer Snow,Diys For Summer,Craft Ideas For Girls", "is_image_or_video": "image", "image_src": "https://i.pinimg.com/originals/b3/bc/e2/b3bce2964e8c8975387b39660eed5f16.jpg", "downloaded": 1, "save_location": "Local save in /data/diy-and-crafts", "category": "diy-and-crafts"}}]}
        """;

    public const string Geo = """
        {"records": [{"value": {"ind": 2863, "timestamp": "2020-04-27 13:34:16", "latitude": -5.34445, "longitude": -177.924, "country": "Armenia"}}]}
        """;

    public const string User = """
        {"records": [{"value": {"ind": 2863, "first_name": "Dylan", "last_name": "Holmes", "age": 32, "date_joined": "2016-10-23 14:06:51"}}]}
        """;

    public const string Binary = """
        {"records": [{"key": "a2V5", "value": "aGVsbG8gS2Fma2E="}]}
        """;

    public const string Avro = """
        {"value_schema": "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}",
         "records": [{"value": {"id": 1, "note": {"string": "tagged"}}}, {"value": {"id": 2, "note": "untagged"}}, {"value": {"id": 3}}]}
        """;

    public const string JsonSchema = """
        {"value_schema": "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}},\"required\":[\"id\"]}",
         "records": [{"value": {"id": 1}}]}
        """;

    public const string Protobuf = """
        {"value_schema": "syntax = \"proto3\"; message Order { int64 id = 1; string note = 2; }", "records": [{"value": {"id": "1", "note": "x"}}]}
        """;
}
