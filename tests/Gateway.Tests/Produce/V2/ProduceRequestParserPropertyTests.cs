using System.Text;
using System.Text.Json;
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
