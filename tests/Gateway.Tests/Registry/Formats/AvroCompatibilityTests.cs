using Gateway.Registry.Formats;

namespace Gateway.Tests.Registry.Formats;

public sealed class AvroCompatibilityTests
{
    private const string OneField = """{"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""";
    private const string AddedWithoutDefault = """{"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"f","type":"int"}]}""";

    [Fact]
    public void Backward_FieldAddedWithoutDefault_ReportsConfluentMessage()
    {
        var result = Check(CompatibilityLevel.Backward, AddedWithoutDefault, OneField);

        var problem = Assert.Single(result.Failures).Problem;
        Assert.Equal("READER_FIELD_MISSING_DEFAULT_VALUE", problem.ErrorType);
        Assert.Equal("/fields/1", problem.Path);
        Assert.Equal("The field 'f' at path '/fields/1' in the new schema has no default value and is missing in the old schema", problem.Description);
        Assert.Equal(
            [
                "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'f' at path '/fields/1' in the new schema has no default value and is missing in the old schema', additionalInfo:'f'}",
                "{oldSchemaVersion: 1}",
                "{oldSchema: '" + OneField + "'}",
                "{validateFields: 'false', compatibility: 'BACKWARD'}",
            ],
            result.Messages());
    }

    [Fact]
    public void Forward_FieldRemovedWithoutDefault_NamesOldSchemaAsReader()
    {
        var result = Check(CompatibilityLevel.Forward, OneField, AddedWithoutDefault);

        var problem = Assert.Single(result.Failures).Problem;
        Assert.Equal("The field 'f' at path '/fields/1' in the old schema has no default value and is missing in the new schema", problem.Description);
        Assert.DoesNotContain(result.Messages(), m => m.StartsWith("{oldSchemaVersion", StringComparison.Ordinal));
    }

    [Fact]
    public void Backward_FieldTypeChanged_ReportsTypeMismatchAtFieldType()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Avro,
            """{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""", OneField));

        Assert.Equal("TYPE_MISMATCH", problem.ErrorType);
        Assert.Equal("/fields/0/type", problem.Path);
        Assert.Equal("reader type: INT not compatible with writer type: STRING", problem.AdditionalInfo);
    }

    [Theory]
    [InlineData("long", "int", true)]
    [InlineData("float", "long", true)]
    [InlineData("double", "float", true)]
    [InlineData("int", "long", false)]
    [InlineData("float", "double", false)]
    [InlineData("boolean", "int", false)]
    [InlineData("string", "int", false)]
    public void Promotion_MatchesSpecAndApacheAvroCanRead(string reader, string writer, bool readable)
    {
        var problems = FormatAssert.Problems(SchemaType.Avro, $"\"{reader}\"", $"\"{writer}\"");

        Assert.Equal(readable, problems.Count == 0);
        Assert.Equal(readable, Avro.Schema.Parse($"\"{reader}\"").CanRead(Avro.Schema.Parse($"\"{writer}\"")));
    }

    [Theory]
    [InlineData("string", "bytes")]
    [InlineData("bytes", "string")]
    public void Promotion_StringAndBytes_AreReadableEitherWay(string reader, string writer)
    {
        Assert.Empty(FormatAssert.Problems(SchemaType.Avro, $"\"{reader}\"", $"\"{writer}\""));
    }

    [Fact]
    public void Enum_WriterSymbolMissingFromReader_IsMissingEnumSymbols()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Avro,
            """{"type":"enum","name":"E","symbols":["A","B"]}""",
            """{"type":"enum","name":"E","symbols":["A","B","D","C"]}"""));

        Assert.Equal("MISSING_ENUM_SYMBOLS", problem.ErrorType);
        Assert.Equal("/symbols", problem.Path);
        Assert.Equal("[C, D]", problem.AdditionalInfo);
    }

    [Fact]
    public void Enum_ReaderWithDefault_ReadsUnknownSymbols()
    {
        Assert.Empty(FormatAssert.Problems(SchemaType.Avro,
            """{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}""",
            """{"type":"enum","name":"E","symbols":["A","B","C"]}"""));
    }

    [Fact]
    public void Union_ReaderLackingWriterBranch_IsMissingUnionBranch()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Avro, """["null","string"]""", "\"int\""));

        Assert.Equal("MISSING_UNION_BRANCH", problem.ErrorType);
        Assert.Equal("reader union lacking writer type: INT", problem.AdditionalInfo);
    }

    [Fact]
    public void Union_WriterUnionAgainstPlainReader_FailsOnTheUnreadableBranch()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Avro, "\"string\"", """["null","string"]"""));

        Assert.Equal("TYPE_MISMATCH", problem.ErrorType);
        Assert.Equal("reader type: STRING not compatible with writer type: NULL", problem.AdditionalInfo);
    }

    [Fact]
    public void Union_ReaderUnionContainingWriterType_IsReadable()
    {
        Assert.Empty(FormatAssert.Problems(SchemaType.Avro, """["null","long"]""", "\"int\""));
        Assert.Empty(FormatAssert.Problems(SchemaType.Avro, """["null","string","int"]""", """["int","null"]"""));
    }

    [Fact]
    public void Fixed_SizeChanged_IsFixedSizeMismatch()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Avro,
            """{"type":"fixed","name":"F","size":8}""", """{"type":"fixed","name":"F","size":4}"""));

        Assert.Equal(("FIXED_SIZE_MISMATCH", "/size", "expected: 4, found: 8"), (problem.ErrorType, problem.Path, problem.AdditionalInfo));
    }

    [Fact]
    public void Record_Renamed_IsNameMismatchUnlessAliased()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Avro,
            """{"type":"record","name":"S","namespace":"x","fields":[]}""", """{"type":"record","name":"R","namespace":"x","fields":[]}"""));
        Assert.Equal(("NAME_MISMATCH", "/name", "expected: x.R"), (problem.ErrorType, problem.Path, problem.AdditionalInfo));

        Assert.Empty(FormatAssert.Problems(SchemaType.Avro,
            """{"type":"record","name":"S","namespace":"x","aliases":["R"],"fields":[]}""", """{"type":"record","name":"R","namespace":"x","fields":[]}"""));
    }

    [Fact]
    public void Field_RenamedWithAlias_ReadsTheOldField()
    {
        Assert.Empty(FormatAssert.Problems(SchemaType.Avro,
            """{"type":"record","name":"R","fields":[{"name":"b","type":"string","aliases":["a"]}]}""", OneField));
    }

    [Fact]
    public void Recursive_LinkedListEvolution_TerminatesAndChecksNestedFields()
    {
        const string v1 = """{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}""";
        const string v2 = """{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]},{"name":"v","type":"int"}]}""";

        Assert.Empty(FormatAssert.Problems(SchemaType.Avro, v1, v1));
        Assert.Equal("READER_FIELD_MISSING_DEFAULT_VALUE", Assert.Single(FormatAssert.Problems(SchemaType.Avro, v2, v1)).ErrorType);
        Assert.True(Avro.Schema.Parse(v1).CanRead(Avro.Schema.Parse(v1)));
    }

    [Fact]
    public void Map_ValueTypeNarrowed_IsTypeMismatchAtValues()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Avro,
            """{"type":"map","values":"int"}""", """{"type":"map","values":"long"}"""));

        Assert.Equal("/values", problem.Path);
        Assert.False(Avro.Schema.Parse("""{"type":"map","values":"int"}""").CanRead(Avro.Schema.Parse("""{"type":"map","values":"long"}""")));
    }

    private static CompatibilityResult Check(CompatibilityLevel level, string candidate, string latest) =>
        Compatibility.Check(level, SchemaFormats.For(SchemaType.Avro), FormatAssert.Parses(SchemaType.Avro, candidate),
            [(1, FormatAssert.Parses(SchemaType.Avro, latest))]);
}
