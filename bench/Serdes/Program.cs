using System.Diagnostics;
using System.Text;
using Gateway.Http;
using Gateway.Kafka;
using Gateway.Produce.V2;
using Gateway.Registry.Formats;
using Gateway.Schemas;
using Gateway.Serdes;

// Cost per record on one thread of turning a real pin row into the bytes Kafka stores, for each schema format,
// in requests of 100 records, and of rendering those bytes back as a consumer answers them.
var root = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
const int Records = 200_000;
const int PerRequest = 100;

var rows = File.ReadAllLines(Path.Combine(root, "../shared/data/pinterest/pin.jsonl"))
    .Where(l => l.Length > 0)
    .Select(Compact)
    .ToArray();
Console.WriteLine($"pin rows: {rows.Length} real rows, mean {rows.Average(r => r.Length):F0} bytes compact");

var jsonSchema = Parse(SchemaType.Json, File.ReadAllText(Path.Combine(root, "schemas/pinterest/pin.schema.json")));
var avroSchema = Parse(SchemaType.Avro, """
    {"type":"record","name":"Pin","namespace":"pinterest","fields":[
      {"name":"index","type":"long"},{"name":"unique_id","type":"string"},{"name":"title","type":"string"},
      {"name":"description","type":["null","string"],"default":null},{"name":"poster_name","type":"string"},
      {"name":"follower_count","type":"string"},{"name":"tag_list","type":"string"},{"name":"is_image_or_video","type":"string"},
      {"name":"image_src","type":"string"},{"name":"downloaded","type":"int"},{"name":"save_location","type":"string"},
      {"name":"category","type":"string"}]}
    """);
var protobufSchema = Parse(SchemaType.Protobuf, """
    syntax = "proto3";
    package pinterest;
    message Pin {
      int64 index = 1; string unique_id = 2; string title = 3; optional string description = 4; string poster_name = 5;
      string follower_count = 6; string tag_list = 7; string is_image_or_video = 8; string image_src = 9; int32 downloaded = 10;
      string save_location = 11; string category = 12;
    }
    """);

var results = new List<string>();
var compiled = await SchemaCompiler.CompileFileAsync(Path.Combine(root, "schemas/pinterest/pin.schema.json"));
results.Add(Measure("json (v2 path: compiled validator, no framing)", () =>
{
    var validator = new RecordValidator([], 100);
    return i => validator.Validate(i, rows[i % rows.Length], compiled);
}));
foreach (var (name, schema) in new[] { ("jsonschema", jsonSchema), ("avro", avroSchema), ("protobuf", protobufSchema) })
{
    var memories = rows.Select(r => (ReadOnlyMemory<byte>)r).ToArray();
    results.Add(Measure($"{name} produce (JSON -> wire format)", () =>
    {
        var violations = new List<SchemaViolation>();
        var sink = new ViolationSink(violations, 1000);
        return i =>
        {
            if (i % PerRequest == 0)
            {
                violations.Clear();
            }

            sink.Record = i % PerRequest;
            return SchemaSerdes.Serialize(1, schema, memories[i % memories.Length], sink) is not null;
        };
    }));
    var stored = rows.Select(r => SchemaSerdes.Serialize(1, schema, r, new ViolationSink([], 10)) ?? throw new InvalidOperationException($"a row does not fit the {name} schema")).ToArray();
    Console.WriteLine($"{name}: mean {stored.Average(r => r.Length):F0} bytes in Kafka");
    results.Add(Measure($"{name} consume (wire format -> JSON)", () => i => SchemaSerdes.Deserialize(stored[i % stored.Length], schema).Json is not null));
}

foreach (var line in results)
{
    Console.WriteLine(line);
}

static string Measure(string name, Func<Func<int, bool>> setUp)
{
    var step = setUp();
    for (var i = 0; i < Records / 10; i++)
    {
        step(i);
    }

    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var failed = 0;
    for (var i = 0; i < Records; i++)
    {
        if (!step(i))
        {
            failed++;
        }
    }

    clock.Stop();
    var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / Records;
    var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Records;
    return $"{name,-48} {clock.Elapsed.TotalMicroseconds / Records,7:F2} us/record wall, {cpuUs,7:F2} us/record CPU, "
        + $"{Records / clock.Elapsed.TotalSeconds,10:N0} records/s, {bytes,6:F0} B/record allocated, {failed} refused";
}

static ParsedSchema Parse(SchemaType type, string text) =>
    SchemaFormats.For(type).Parse(text, [], normalize: false).Schema ?? throw new InvalidOperationException($"the {type} schema does not parse");

static byte[] Compact(string row)
{
    var records = new List<ProduceRecord>();
    ProduceRequestParser.Parse(Encoding.UTF8.GetBytes($"{{\"records\":[{{\"value\":{row}}}]}}"), EmbeddedFormat.Json, records);
    return records[0].Value!;
}
