using System.Diagnostics;
using System.Text;
using Gateway.Http;
using Gateway.Kafka;
using Gateway.Produce.V2;
using Gateway.Schemas;
using Gateway.Serdes;

// Validation cost per pin record on one core: the real rows, already in the compact bytes Kafka stores.
var root = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
var schema = await SchemaCompiler.CompileFileAsync(Path.Combine(root, "schemas/pinterest/pin.schema.json"));
var rows = File.ReadAllLines(Path.Combine(root, "../shared/data/pinterest/pin.jsonl"))
    .Where(l => l.Length > 0)
    .Select(l => Compact(l))
    .ToArray();
var meanBytes = rows.Average(r => r.Length);

var violations = new List<SchemaViolation>();
var validator = new RecordValidator(violations, 100);
for (var i = 0; i < 200_000; i++)
{
    validator.Validate(i, rows[i % rows.Length], schema);
}

const int Records = 2_000_000;
var invalid = 0;
var clock = Stopwatch.StartNew();
for (var i = 0; i < Records; i++)
{
    if (!validator.Validate(i, rows[i % rows.Length], schema))
    {
        invalid++;
    }
}

clock.Stop();
var perRecordUs = clock.Elapsed.TotalMicroseconds / Records;
Console.WriteLine($"pin rows: {rows.Length} real rows, mean {meanBytes:F0} bytes compact, {invalid} invalid");
Console.WriteLine($"validated {Records:N0} records in {clock.Elapsed.TotalSeconds:F2} s on one thread: {perRecordUs:F2} us/record, {Records / clock.Elapsed.TotalSeconds:N0} records/s");

static byte[] Compact(string row)
{
    var records = new List<ProduceRecord>();
    ProduceRequestParser.Parse(Encoding.UTF8.GetBytes($"{{\"records\":[{{\"value\":{row}}}]}}"), EmbeddedFormat.Json, records);
    return records[0].Value!;
}
