using System.Text.Json;

// The benchmark's ceiling: Kestrel on its own. It reads and parses the same produce bodies and answers
// the same v2 shape, with no validation and no Kafka.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapPost("/topics/{topic}", async (HttpRequest request, HttpResponse response) =>
{
    using var body = await JsonDocument.ParseAsync(request.Body);
    var records = body.RootElement.GetProperty("records").GetArrayLength();
    response.ContentType = "application/vnd.kafka.v2+json";
    await using var writer = new Utf8JsonWriter(response.BodyWriter);
    writer.WriteStartObject();
    writer.WriteStartArray("offsets");
    for (var i = 0; i < records; i++)
    {
        writer.WriteStartObject();
        writer.WriteNumber("partition", 0);
        writer.WriteNumber("offset", i);
        writer.WriteNull("error_code");
        writer.WriteNull("error");
        writer.WriteEndObject();
    }

    writer.WriteEndArray();
    writer.WriteNull("key_schema_id");
    writer.WriteNull("value_schema_id");
    writer.WriteEndObject();
});
app.Run();
