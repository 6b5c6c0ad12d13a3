using Avro;
using Avro.Generic;
using Gateway.Registry.Formats;
using static Gateway.Tests.Serdes.AvroOracle;

namespace Gateway.Tests.Serdes;

public sealed class AvroSerdeTests
{
    private const string Everything = """
        {"type":"record","name":"Pin","namespace":"com.pinterest","fields":[
          {"name":"id","type":"long"},
          {"name":"index","type":"int"},
          {"name":"title","type":"string"},
          {"name":"score","type":"float"},
          {"name":"ratio","type":"double"},
          {"name":"active","type":"boolean"},
          {"name":"nothing","type":"null"},
          {"name":"raw","type":"bytes"},
          {"name":"hash","type":{"type":"fixed","name":"Hash","size":4}},
          {"name":"category","type":{"type":"enum","name":"Category","symbols":["ART","FOOD","TRAVEL"]}},
          {"name":"tags","type":{"type":"array","items":"string"}},
          {"name":"counts","type":{"type":"map","values":"long"}},
          {"name":"description","type":["null","string"]},
          {"name":"owner","type":{"type":"record","name":"User","fields":[
            {"name":"name","type":"string"},
            {"name":"age","type":["null","int"]}]}}
        ]}
        """;

    [Fact]
    public void FromJson_RecordOfEveryType_EqualsConfluentSerializer()
    {
        var schema = SerdeAssert.Schema(SchemaType.Avro, Everything);
        var json = """
            {"id":9007199254740993,"index":-7,"title":"Zoë's \"pin\"","score":1.5,"ratio":-0.1,"active":true,"nothing":null,
             "raw":"\u0000\u00ff\u0010A","hash":"abc\u00e9","category":"FOOD","tags":["a","bb"],"counts":{"x":1,"y":-300},
             "description":{"string":"hello"},"owner":{"name":"Ann","age":{"int":42}}}
            """;

        var avro = Parse(Everything);
        var expected = Serialize(Record(avro,
            ("id", 9007199254740993L), ("index", -7), ("title", "Zoë's \"pin\""), ("score", 1.5f), ("ratio", -0.1), ("active", true),
            ("nothing", null), ("raw", new byte[] { 0, 0xFF, 0x10, 0x41 }),
            ("hash", new GenericFixed(Named<FixedSchema>(avro, "hash"), [0x61, 0x62, 0x63, 0xE9])),
            ("category", new GenericEnum(Named<EnumSchema>(avro, "category"), "FOOD")),
            ("tags", new object[] { "a", "bb" }), ("counts", new Dictionary<string, object> { ["x"] = 1L, ["y"] = -300L }),
            ("description", "hello"), ("owner", Record(RecordOf(avro, "owner"), ("name", "Ann"), ("age", 42)))));

        Assert.Equal(SerdeAssert.Hex(expected), SerdeAssert.Hex(SerdeAssert.Serializes(schema, json)));
    }

    [Fact]
    public void FromJson_UntaggedUnionsAndNulls_EqualConfluentSerializer()
    {
        var schema = SerdeAssert.Schema(SchemaType.Avro, Everything);
        var tagged = """
            {"id":1,"index":2,"title":"t","score":0,"ratio":0,"active":false,"nothing":null,"raw":"","hash":"abcd","category":"ART",
             "tags":[],"counts":{},"description":{"string":"x"},"owner":{"name":"n","age":{"int":3}}}
            """;
        var untagged = tagged.Replace("""{"string":"x"}""", "\"x\"", StringComparison.Ordinal).Replace("""{"int":3}""", "3", StringComparison.Ordinal);
        var nulls = tagged.Replace("""{"string":"x"}""", "null", StringComparison.Ordinal).Replace("""{"int":3}""", "null", StringComparison.Ordinal);

        var avro = Parse(Everything);
        GenericRecord Expected(string? description, int? age) => Record(avro,
            ("id", 1L), ("index", 2), ("title", "t"), ("score", 0f), ("ratio", 0d), ("active", false), ("nothing", null), ("raw", Array.Empty<byte>()),
            ("hash", new GenericFixed(Named<FixedSchema>(avro, "hash"), "abcd"u8.ToArray())),
            ("category", new GenericEnum(Named<EnumSchema>(avro, "category"), "ART")), ("tags", Array.Empty<object>()),
            ("counts", new Dictionary<string, object>()), ("description", description),
            ("owner", Record(RecordOf(avro, "owner"), ("name", "n"), ("age", age))));

        Assert.Equal(SerdeAssert.Hex(Serialize(Expected("x", 3))), SerdeAssert.Hex(SerdeAssert.Serializes(schema, tagged)));
        Assert.Equal(SerdeAssert.Hex(Serialize(Expected("x", 3))), SerdeAssert.Hex(SerdeAssert.Serializes(schema, untagged)));
        Assert.Equal(SerdeAssert.Hex(Serialize(Expected(null, null))), SerdeAssert.Hex(SerdeAssert.Serializes(schema, nulls)));
    }

    [Fact]
    public void FromJson_OmittedFieldsWithDefaults_EqualConfluentSerializerGivenTheDefaults()
    {
        const string text = """
            {"type":"record","name":"Event","fields":[
              {"name":"id","type":"string"},
              {"name":"count","type":"int","default":7},
              {"name":"label","type":"string","default":"none"},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"rank","type":["long","null"],"default":12},
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]},"default":"B"},
              {"name":"blob","type":"bytes","default":"\u00ff\u0001"},
              {"name":"list","type":{"type":"array","items":"int"},"default":[1,2]},
              {"name":"place","type":{"type":"record","name":"Place","fields":[{"name":"x","type":"double"}]},"default":{"x":2.5}}
            ]}
            """;
        var schema = SerdeAssert.Schema(SchemaType.Avro, text);
        var avro = Parse(text);

        var expected = Serialize(Record(avro,
            ("id", "e1"), ("count", 7), ("label", "none"), ("note", null), ("rank", 12L),
            ("kind", new GenericEnum(Named<EnumSchema>(avro, "kind"), "B")), ("blob", new byte[] { 0xFF, 1 }),
            ("list", new object[] { 1, 2 }), ("place", Record(RecordOf(avro, "place"), ("x", 2.5)))));

        Assert.Equal(SerdeAssert.Hex(expected), SerdeAssert.Hex(SerdeAssert.Serializes(schema, """{"id":"e1"}""")));
    }

    [Fact]
    public void FromJson_NestedRecordsInArraysAndMapsOfUnions_EqualConfluentSerializer()
    {
        const string text = """
            {"type":"record","name":"Board","namespace":"p","fields":[
              {"name":"pins","type":{"type":"array","items":{"type":"record","name":"Pin","fields":[
                {"name":"url","type":"string"},
                {"name":"next","type":["null","Pin"],"default":null}]}}},
              {"name":"attrs","type":{"type":"map","values":["null","long","string"]}}
            ]}
            """;
        var schema = SerdeAssert.Schema(SchemaType.Avro, text);
        var json = """
            {"pins":[{"url":"a","next":{"p.Pin":{"url":"b"}}},{"url":"c","next":null}],
             "attrs":{"n":{"long":5},"s":{"string":"v"},"z":null}}
            """;

        var avro = Parse(text);
        var pin = RecordOf(avro, "pins");
        var expected = Serialize(Record(avro,
            ("pins", new object[] { Record(pin, ("url", "a"), ("next", Record(pin, ("url", "b"), ("next", null)))), Record(pin, ("url", "c"), ("next", null)) }),
            ("attrs", new Dictionary<string, object?> { ["n"] = 5L, ["s"] = "v", ["z"] = null })));

        Assert.Equal(SerdeAssert.Hex(expected), SerdeAssert.Hex(SerdeAssert.Serializes(schema, json)));
    }

    [Fact]
    public void FromJson_LogicalTypesAsTheirUnderlyingType_EqualConfluentSerializerOfTheLogicalValues()
    {
        const string text = """
            {"type":"record","name":"Sale","fields":[
              {"name":"day","type":{"type":"int","logicalType":"date"}},
              {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"id","type":{"type":"string","logicalType":"uuid"}},
              {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}}
            ]}
            """;
        var schema = SerdeAssert.Schema(SchemaType.Avro, text);
        // 12345 is 0x3039: the decimal 123.45 at scale 2, as big-endian two's complement bytes.
        var json = """{"day":19000,"at":1700000000123,"id":"0b8b2d7e-4e0a-4d8f-9a53-0c1e1f2a3b4c","price":"09"}""";

        var avro = Parse(text);
        var expected = Serialize(Record(avro,
            ("day", DateTime.UnixEpoch.AddDays(19000)), ("at", DateTime.UnixEpoch.AddMilliseconds(1700000000123)),
            ("id", Guid.Parse("0b8b2d7e-4e0a-4d8f-9a53-0c1e1f2a3b4c")), ("price", new AvroDecimal(123.45m))));

        Assert.Equal(SerdeAssert.Hex(expected), SerdeAssert.Hex(SerdeAssert.Serializes(schema, json)));
    }

    [Fact]
    public void FromJson_PlainValueFittingOneRecordOfAUnion_IsThatRecordAsConfluentWritesIt()
    {
        const string text = """
            {"type":"record","name":"Holder","fields":[{"name":"shape","type":[
              {"type":"record","name":"Circle","fields":[{"name":"radius","type":"double"}]},
              {"type":"record","name":"Square","fields":[{"name":"side","type":"double"}]}]}]}
            """;
        var schema = SerdeAssert.Schema(SchemaType.Avro, text);
        var avro = Parse(text);
        var square = ((UnionSchema)avro["shape"].Schema).Schemas.OfType<RecordSchema>().Single(r => r.Name == "Square");

        var expected = Serialize(Record(avro, ("shape", Record(square, ("side", 2.0)))));

        Assert.Equal(SerdeAssert.Hex(expected), SerdeAssert.Hex(SerdeAssert.Serializes(schema, """{"shape":{"side":2}}""")));
        Assert.Equal(SerdeAssert.Hex(expected), SerdeAssert.Hex(SerdeAssert.Serializes(schema, """{"shape":{"Square":{"side":2}}}""")));
    }

    [Fact]
    public void FromJson_PlainValueFittingSeveralBranches_IsRefusedAsAmbiguousNamingThem()
    {
        var schema = SerdeAssert.Schema(SchemaType.Avro, """
            {"type":"record","name":"R","fields":[{"name":"n","type":["null","int","long"]},{"name":"s","type":["string","bytes"]}]}
            """);

        var violations = SerdeAssert.Violations(schema, """{"n":5,"s":"x"}""");

        Assert.Collection(violations,
            v => Assert.Equal(("/n", "union", "is ambiguous: it fits the union's branches int, long; tag it, e.g. {\"int\": ...}"), (v.Pointer, v.Keyword, v.Message)),
            v => Assert.Equal(("/s", "union"), (v.Pointer, v.Keyword)));
        SerdeAssert.Serializes(schema, """{"n":{"long":5},"s":{"bytes":"x"}}""");
        // A value only one numeric branch can hold is not ambiguous.
        SerdeAssert.Serializes(schema, """{"n":5000000000,"s":{"string":"x"}}""");
    }

    [Fact]
    public void FromJson_ValueWithSeveralMistakes_ReportsEveryOneWithItsPointer()
    {
        var schema = SerdeAssert.Schema(SchemaType.Avro, Everything);
        var json = """
            {"id":"1","index":3000000000,"title":"t","score":"fast","ratio":1,"active":true,"nothing":null,"raw":"\u0100",
             "hash":"abc","category":"SPORT","tags":["a",2],"counts":{"x":1.5},"description":{"int":1},
             "owner":{"name":"n","age":{"int":1},"extra":1},"bogus":true}
            """;

        var violations = SerdeAssert.Violations(schema, json);

        Assert.Equal(
            [
                ("/bogus", "unknown"), ("/id", "type"), ("/index", "type"), ("/score", "type"), ("/raw", "type"), ("/hash", "size"),
                ("/category", "enum"), ("/tags/1", "type"), ("/counts/x", "type"), ("/description", "type"), ("/owner/extra", "unknown"),
            ],
            violations.Select(v => (v.Pointer, v.Keyword)).ToArray());
        Assert.All(violations, v => Assert.Equal(0, v.Record));
        Assert.Contains("'SPORT' is not a symbol of enum com.pinterest.Category: ART, FOOD, TRAVEL", violations.Select(v => v.Message));
    }

    [Fact]
    public void FromJson_MissingFieldWithoutDefault_IsRequiredAtTheRecord()
    {
        var schema = SerdeAssert.Schema(SchemaType.Avro, """{"type":"record","name":"R","fields":[{"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"a","type":"int"}]}}]}""");

        var violation = Assert.Single(SerdeAssert.Violations(schema, """{"inner":{}}"""));

        Assert.Equal(("/inner", "required", "field 'a' is missing and has no default"), (violation.Pointer, violation.Keyword, violation.Message));
    }

    [Fact]
    public void FromJson_LimitReached_KeepsOnlyThatMany()
    {
        var schema = SerdeAssert.Schema(SchemaType.Avro, """{"type":"array","items":"int"}""");

        var violations = SerdeAssert.Violations(schema, """["a","b","c","d"]""", limit: 2);

        Assert.Equal(["/0", "/1"], violations.Select(v => v.Pointer));
    }

    [Fact]
    public void RoundTrip_RendersAsKafkaRestsConsumer()
    {
        var schema = SerdeAssert.Schema(SchemaType.Avro, Everything);
        var json = """
            {"id":12,"index":-7,"title":"Zoë\n","score":1,"ratio":1e-5,"active":true,"nothing":null,"raw":"\u0000\u00ff",
             "hash":"abcd","category":"TRAVEL","tags":["a"],"counts":{"x":1},"description":"d","owner":{"name":"Ann","age":null}}
            """;

        var rendered = SerdeAssert.Renders(schema, SerdeAssert.Serializes(schema, json));

        Assert.Equal(
            """{"id":12,"index":-7,"title":"Zoë\n","score":1.0,"ratio":1.0E-5,"active":true,"nothing":null,"raw":"\u0000ÿ","hash":"abcd","category":"TRAVEL","tags":["a"],"counts":{"x":1},"description":{"string":"d"},"owner":{"name":"Ann","age":null}}""",
            rendered);
        // What it renders is input it takes back, to the same bytes.
        Assert.Equal(SerdeAssert.Hex(SerdeAssert.Serializes(schema, json)), SerdeAssert.Hex(SerdeAssert.Serializes(schema, rendered)));
    }

    [Fact]
    public void ToJson_BytesThatAreNotDataOfTheSchema_AreAProblem()
    {
        var schema = SerdeAssert.Schema(SchemaType.Avro, """{"type":"record","name":"R","fields":[{"name":"s","type":"string"},{"name":"u","type":["null","int"]}]}""");
        var record = SerdeAssert.Serializes(schema, """{"s":"hello","u":1}""");

        Assert.Contains("the data ends", SerdeAssert.Problem(schema, record[..^2]), StringComparison.Ordinal);
        Assert.Contains("union branch 5 does not exist", SerdeAssert.Problem(schema, [.. record[..^2], 10, 2]), StringComparison.Ordinal);
        Assert.Contains("1 bytes are left", SerdeAssert.Problem(schema, [.. record, 0]), StringComparison.Ordinal);
    }
}
