using Gateway.Registry.Formats;

namespace Gateway.Tests.Registry.Formats;

public sealed class ProtobufCompatibilityTests
{
    private static string Proto3(string body) => "syntax = \"proto3\";\npackage p;\n" + body;

    [Fact]
    public void Backward_FieldTypeStringToInt32_IsScalarKindChanged()
    {
        var result = Compatibility.Check(CompatibilityLevel.Backward, SchemaFormats.For(SchemaType.Protobuf),
            FormatAssert.Parses(SchemaType.Protobuf, Proto3("message M { int32 a = 1; }")),
            [(3, FormatAssert.Parses(SchemaType.Protobuf, Proto3("message M { string a = 1; }")))]);

        var problem = Assert.Single(result.Failures).Problem;
        Assert.Equal(("FIELD_SCALAR_KIND_CHANGED", "#/M/1"), (problem.ErrorType, problem.Path));
        Assert.Equal("The kind of a SCALAR field at path '#/M/1' in the new schema does not match its kind in the old schema", problem.Description);
        Assert.Equal(
            "{errorType:\"FIELD_SCALAR_KIND_CHANGED\", description:\"The kind of a SCALAR field at path '#/M/1' in the new schema does not match its kind in the old schema\"}",
            result.Messages()[0]);
        Assert.Equal("{oldSchemaVersion: 3}", result.Messages()[1]);
    }

    [Theory]
    [InlineData("int32", "int64")]
    [InlineData("uint64", "bool")]
    [InlineData("sint32", "sint64")]
    [InlineData("fixed32", "sfixed32")]
    [InlineData("fixed64", "sfixed64")]
    [InlineData("string", "bytes")]
    [InlineData("int32", "E")]
    public void ScalarChange_WithinWireCompatibleGroup_IsCompatible(string before, string after)
    {
        const string types = "enum E { Z = 0; }\n";

        Assert.Empty(FormatAssert.Problems(SchemaType.Protobuf,
            Proto3(types + $"message M {{ {after} a = 1; }}"), Proto3(types + $"message M {{ {before} a = 1; }}")));
    }

    [Theory]
    [InlineData("int32", "sint32")]
    [InlineData("fixed32", "int32")]
    [InlineData("float", "double")]
    [InlineData("bytes", "int64")]
    public void ScalarChange_AcrossGroups_IsScalarKindChanged(string before, string after)
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Protobuf,
            Proto3($"message M {{ {after} a = 1; }}"), Proto3($"message M {{ {before} a = 1; }}")));

        Assert.Equal("FIELD_SCALAR_KIND_CHANGED", problem.ErrorType);
    }

    [Fact]
    public void FieldsMatchedByNumber_RenameIsCompatibleAndRenumberIsNot()
    {
        Assert.Empty(FormatAssert.Problems(SchemaType.Protobuf, Proto3("message M { string b = 1; }"), Proto3("message M { string a = 1; }")));
        Assert.Empty(FormatAssert.Problems(SchemaType.Protobuf, Proto3("message M { }"), Proto3("message M { string a = 1; }")));
        Assert.Empty(FormatAssert.Problems(SchemaType.Protobuf, Proto3("message M { string a = 1; int32 b = 2; }"), Proto3("message M { string a = 1; }")));
    }

    [Fact]
    public void MessageRemoved_IsIncompatibleBackwardOnly()
    {
        const string both = "message A { } message B { }";
        const string one = "message A { }";

        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Protobuf, Proto3(one), Proto3(both)));
        Assert.Equal(("MESSAGE_REMOVED", "#/B"), (problem.ErrorType, problem.Path));
        Assert.Empty(FormatAssert.Problems(SchemaType.Protobuf, Proto3(both), Proto3(one)));
    }

    [Fact]
    public void KindChanged_ScalarToMessage_IsFieldKindChanged()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Protobuf,
            Proto3("message N { } message M { N a = 1; }"), Proto3("message N { } message M { string a = 1; }")));

        Assert.Equal(("FIELD_KIND_CHANGED", "#/M/1"), (problem.ErrorType, problem.Path));
    }

    [Fact]
    public void NamedTypeChanged_ToAnotherMessage_IsFieldNamedTypeChanged()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Protobuf,
            Proto3("message N { } message O { } message M { O a = 1; }"), Proto3("message N { } message O { } message M { N a = 1; }")));

        Assert.Equal("FIELD_NAMED_TYPE_CHANGED", problem.ErrorType);
    }

    [Fact]
    public void NestedMessageFieldChanged_IsReportedInsideAndOnTheField()
    {
        var problems = FormatAssert.Problems(SchemaType.Protobuf,
            Proto3("message M { N n = 1; message N { int32 x = 1; } }"), Proto3("message M { N n = 1; message N { string x = 1; } }"));

        Assert.Contains(problems, p => p is { ErrorType: "FIELD_SCALAR_KIND_CHANGED", Path: "#/M/N/1" });
        Assert.Contains(problems, p => p is { ErrorType: "FIELD_NAMED_TYPE_CHANGED", Path: "#/M/1" });
    }

    [Fact]
    public void PackageChanged_IsIncompatible()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Protobuf,
            "syntax = \"proto3\";\npackage q;\nmessage M { }", Proto3("message M { }")));

        Assert.Equal(("PACKAGE_CHANGED", "#/"), (problem.ErrorType, problem.Path));
    }

    [Fact]
    public void Proto2RequiredField_AddedOrRemoved_IsIncompatible()
    {
        const string without = "syntax = \"proto2\";\nmessage M { optional string a = 1; }";
        const string with = "syntax = \"proto2\";\nmessage M { optional string a = 1; required int32 b = 2; }";

        Assert.Equal("REQUIRED_FIELD_ADDED", Assert.Single(FormatAssert.Problems(SchemaType.Protobuf, with, without)).ErrorType);
        Assert.Equal("REQUIRED_FIELD_REMOVED", Assert.Single(FormatAssert.Problems(SchemaType.Protobuf, without, with)).ErrorType);
    }

    [Fact]
    public void NumericLabel_OptionalToRepeatedInProto2_IsIncompatible()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Protobuf,
            "syntax = \"proto2\";\nmessage M { repeated int32 a = 1; }", "syntax = \"proto2\";\nmessage M { optional int32 a = 1; }"));

        Assert.Equal("FIELD_NUMERIC_LABEL_CHANGED", problem.ErrorType);
    }

    [Fact]
    public void Oneof_MemberRemovedIsIncompatibleButWholeOneofRemovalIsNot()
    {
        const string two = "message M { oneof k { string a = 1; int32 b = 2; } }";

        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Protobuf, Proto3("message M { oneof k { string a = 1; } }"), Proto3(two)));
        Assert.Equal(("ONEOF_FIELD_REMOVED", "#/M/k/2"), (problem.ErrorType, problem.Path));
        Assert.Empty(FormatAssert.Problems(SchemaType.Protobuf, Proto3("message M { }"), Proto3(two)));
    }

    [Fact]
    public void Oneof_TwoFieldsMovedIn_IsMultipleFieldsMovedToOneof()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Protobuf,
            Proto3("message M { oneof k { string a = 1; int32 b = 2; } }"), Proto3("message M { string a = 1; int32 b = 2; }")));

        Assert.Equal(("MULTIPLE_FIELDS_MOVED_TO_ONEOF", "#/M/k"), (problem.ErrorType, problem.Path));
    }

    [Fact]
    public void MapValueChanged_IsReportedOnTheMapField()
    {
        var problem = Assert.Single(FormatAssert.Problems(SchemaType.Protobuf,
            Proto3("message M { map<string, int32> m = 1; }"), Proto3("message M { map<string, string> m = 1; }")));

        Assert.Equal(("FIELD_SCALAR_KIND_CHANGED", "#/M/1"), (problem.ErrorType, problem.Path));
    }

    [Fact]
    public void Recursive_SelfReferencingMessage_Terminates()
    {
        const string tree = "message Node { repeated Node children = 1; string label = 2; }";

        Assert.Empty(FormatAssert.Problems(SchemaType.Protobuf, Proto3(tree), Proto3(tree)));
        Assert.Contains(FormatAssert.Problems(SchemaType.Protobuf, Proto3("message Node { repeated Node children = 1; int32 label = 2; }"), Proto3(tree)),
            p => p.ErrorType == "FIELD_SCALAR_KIND_CHANGED");
    }

    [Fact]
    public void EnumValuesAddedOrRemoved_AreCompatible()
    {
        Assert.Empty(FormatAssert.Problems(SchemaType.Protobuf,
            Proto3("enum E { A = 0; } message M { E e = 1; }"), Proto3("enum E { A = 0; B = 1; } message M { E e = 1; }")));
    }
}
