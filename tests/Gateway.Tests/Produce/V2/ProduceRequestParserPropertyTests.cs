using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CsCheck;
using Gateway.Http;
using Gateway.Kafka;
using Gateway.Produce.V2;

namespace Gateway.Tests.Produce.V2;

/// <summary>Random input against the request parser: it never throws, and what it stores is the same JSON, compact.</summary>
public sealed class ProduceRequestParserPropertyTests
{
    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double[-1e9, 1e9].Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        Gen.String.Where(IsWellFormed).Select(s => JsonSerializer.Serialize(s)),
        Gen.Const("true"),
        Gen.Const("false"),
        Gen.Const("null"));

    private static readonly Gen<string> Whitespace = Gen.OneOf(Gen.Const(""), Gen.Const(" "), Gen.Const("\n\t "));

    [Fact]
    public void AnyBytes_AreAnsweredWithRecordsOrA400Or422_NeverAnException()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var error = ProduceRequestParser.Parse(bytes, EmbeddedFormat.Json, []);
            Assert.True(error is null || error.Status is 400 or 422, error?.ToString());
        }, iter: 5_000);
    }

    [Fact]
    public void AnyJsonValue_IsStoredAsTheSameJson_Compact_AndCompactingAgainChangesNothing()
    {
        Value(3).Select(Whitespace, (value, space) => (value, space)).Sample(pair =>
        {
            var (value, space) = pair;
            var records = new List<ProduceRecord>();
            var body = $"{{{space}\"records\"{space}:{space}[{space}{{\"value\":{space}{value}{space}}}]}}";

            Assert.Null(ProduceRequestParser.Parse(Encoding.UTF8.GetBytes(body), EmbeddedFormat.Json, records));
            var stored = records[0].Value;
            if (value == "null")
            {
                Assert.Null(stored);
                return;
            }

            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(value).RootElement, JsonDocument.Parse(stored!).RootElement));
            var again = new List<ProduceRecord>();
            ProduceRequestParser.Parse(Encoding.UTF8.GetBytes($"{{\"records\":[{{\"value\":{Encoding.UTF8.GetString(stored!)}}}]}}"), EmbeddedFormat.Json, again);
            Assert.Equal(stored, again[0].Value);
        }, iter: 3_000);
    }

    [Fact]
    public void TruncatedRequests_AreAnswered400Or422()
    {
        Value(2).Select(v => $"{{\"records\":[{{\"value\":{v}}}]}}").Select(Gen.Int[0, 100], (body, cut) => (body, cut)).Sample(pair =>
        {
            var (body, cut) = pair;
            var truncated = Encoding.UTF8.GetBytes(body)[..Math.Min(cut, body.Length - 1)];
            var error = ProduceRequestParser.Parse(truncated, EmbeddedFormat.Json, []);
            Assert.NotNull(error);
            Assert.True(error.Status is 400 or 422, error.ToString());
        }, iter: 2_000);
    }

    /// <summary>Byte sequences that are not UTF-8: stray continuation bytes, overlong forms, surrogates, truncations, 0xFE/0xFF.</summary>
    private static readonly Gen<byte[]> InvalidUtf8 = Gen.OneOf(
        Gen.Const(new byte[] { 0xFF }),
        Gen.Const(new byte[] { 0xC3, 0x28 }),
        Gen.Const(new byte[] { 0x80 }),
        Gen.Const(new byte[] { 0xC0, 0x80 }),
        Gen.Const(new byte[] { 0xED, 0xA0, 0x80 }),
        Gen.Const(new byte[] { 0xE2, 0x82 }),
        Gen.Const(new byte[] { 0xF4, 0x90, 0x80, 0x80 }),
        Gen.Byte[0x80, 0xFF].Array[1, 4].Where(bytes => !Utf8.IsValid(bytes)));

    /// <summary>ASCII letters around the invalid bytes, so the string is otherwise ordinary.</summary>
    private static readonly Gen<byte[]> TextWithInvalidUtf8 =
        Gen.Char['a', 'z'].Array[0, 6].Select(InvalidUtf8, Gen.Char['a', 'z'].Array[0, 6],
            (before, bad, after) => (byte[])[.. Encoding.ASCII.GetBytes(before), .. bad, .. Encoding.ASCII.GetBytes(after)]);

    /// <summary>Where in a request the invalid bytes go: a field name or a string, in the request, a record, a key or a value.</summary>
    private static readonly Gen<string> Position = Gen.OneOfConst(
        $"{{\"records\":[{{\"value\":1}}],\"{Marker}\":1}}",
        $"{{\"records\":[{{\"{Marker}\":1,\"value\":1}}]}}",
        $"{{\"records\":[{{\"key\":\"{Marker}\",\"value\":\"AAEC\"}}]}}",
        $"{{\"records\":[{{\"value\":\"{Marker}\"}}]}}",
        $"{{\"records\":[{{\"value\":{{\"{Marker}\":1}}}}]}}",
        $"{{\"records\":[{{\"key\":{{\"a\":[\"{Marker}\"]}},\"value\":null}}]}}");

    private const string Marker = "\u0001MARK\u0001";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InvalidUtf8_InAnyNameKeyOrValue_IsA400_NeverAnException(bool binary)
    {
        var format = binary ? EmbeddedFormat.Binary : EmbeddedFormat.Json;
        Position.Select(TextWithInvalidUtf8, (position, text) => (position, text)).Sample(pair =>
        {
            var template = Encoding.ASCII.GetBytes(pair.position);
            var marker = Encoding.ASCII.GetBytes(Marker);
            var at = template.AsSpan().IndexOf(marker);
            byte[] body = [.. template[..at], .. pair.text, .. template[(at + marker.Length)..]];

            var error = ProduceRequestParser.Parse(body, format, []);

            Assert.True(error is { Status: 400, Code: 400 }, $"{Encoding.Latin1.GetString(body)}: {error}");
        }, iter: 3_000);
    }

    [Fact]
    public void AnyBinaryPayload_OnATopicBoundToAJsonSchema_IsCheckedAsJson_NeverAnException()
    {
        var binding = PinBinding();
        Gen.OneOf(Gen.Byte.Array[0, 40], TextWithInvalidUtf8, Gen.Const("{\"a\":\"\\uD800\"}"u8.ToArray()), Gen.Const("1 2"u8.ToArray()))
            .Sample(payload =>
            {
                var records = new List<ProduceRecord>();
                var body = $"{{\"records\":[{{\"value\":\"{Convert.ToBase64String(payload)}\"}}]}}";
                Assert.Null(ProduceRequestParser.Parse(Encoding.ASCII.GetBytes(body), EmbeddedFormat.Binary, records));

                var check = Gateway.Schemas.SchemaCheck.Run(binding, binding.FileSchema!, EmbeddedFormat.Binary, records, 10);

                Assert.NotNull(check);
                if (!Utf8.IsValid(payload))
                {
                    Assert.True(check.IsInvalid(0));
                    Assert.Equal("json", check.Violations[0].Keyword);
                }
            }, iter: 3_000);
    }

    private static Gateway.Schemas.SchemaBinding PinBinding()
    {
        var file = Path.Combine(Support.PinterestRows.RepositoryRoot(), "schemas", "pinterest", "pin.schema.json");
        var schema = Gateway.Schemas.SchemaCompiler.CompileFileAsync(file).GetAwaiter().GetResult();
        return new Gateway.Schemas.SchemaBinding("pin", new Gateway.Schemas.SchemaBindingOptions { Topic = "t", Schema = file }, null, schema, "");
    }

    private static Gen<string> Value(int depth) => depth == 0
        ? Scalar
        : Gen.OneOf(
            Scalar,
            Value(depth - 1).Array[0, 4].Select(items => "[" + string.Join(" , ", items) + "]"),
            Gen.String[0, 8].Where(IsWellFormed).Select(Value(depth - 1), (name, item) => $"{JsonSerializer.Serialize(name)} : {item}")
                .Array[0, 4].Select(members => "{" + string.Join(",", members) + "}"));

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
