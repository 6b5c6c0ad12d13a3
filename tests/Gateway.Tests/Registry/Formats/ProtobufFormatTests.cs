using Gateway.Registry.Formats;

namespace Gateway.Tests.Registry.Formats;

public sealed class ProtobufFormatTests
{
    private const string Messy = """
        // Orders, as the shop writes them.
        syntax="proto3";
        package   acme.shop;
        import "google/protobuf/timestamp.proto";
        option java_package = "com.acme.shop";
        message Order {
            string id = 1;   // the order's id
            map<string,Line> lines = 2;
            google.protobuf.Timestamp placed = 3;
            oneof payment { string card = 4; string voucher = 5; }
            optional int32 priority = 6;
            repeated int64 tags = 7 [packed = false];
            message Line { int32 quantity = 1; Status status = 2; }
            enum Status { UNKNOWN = 0; SHIPPED = 1; }
            reserved 10, 12 to 15;
        }
        message Customer { string name = 1; }
        """;

    [Fact]
    public void Canonical_MessyText_IsPrintedInConfluentLayout()
    {
        var schema = FormatAssert.Parses(SchemaType.Protobuf, Messy);

        Assert.Equal("""
            syntax = "proto3";
            package acme.shop;

            import "google/protobuf/timestamp.proto";

            option java_package = "com.acme.shop";

            message Order {
              reserved 10, 12 to 15;

              string id = 1;
              map<string, Line> lines = 2;
              google.protobuf.Timestamp placed = 3;
              optional int32 priority = 6;
              repeated int64 tags = 7 [packed = false];

              oneof payment {
                string card = 4;
                string voucher = 5;
              }

              message Line {
                int32 quantity = 1;
                Status status = 2;
              }
              enum Status {
                UNKNOWN = 0;
                SHIPPED = 1;
              }
            }
            message Customer {
              string name = 1;
            }

            """.ReplaceLineEndings("\n"), schema.Canonical);
    }

    [Fact]
    public void Fingerprint_LayoutAndCommentVariants_AreEqual()
    {
        var compact = FormatAssert.Parses(SchemaType.Protobuf, "syntax = \"proto3\"; message M { string a = 1; int32 b = 2; }");
        var spread = FormatAssert.Parses(SchemaType.Protobuf, "syntax = \"proto3\";\n\n/* note */\nmessage M {\n  string a = 1; // first\n  int32 b = 2;\n}\n");

        Assert.Equal(compact.Fingerprint, spread.Fingerprint);
    }

    [Fact]
    public void Fingerprint_ReorderedFields_EqualOnlyWhenNormalized()
    {
        const string first = "syntax = \"proto3\"; message M { string a = 1; int32 b = 2; }";
        const string second = "syntax = \"proto3\"; message M { int32 b = 2; string a = 1; }";

        Assert.NotEqual(FormatAssert.Parses(SchemaType.Protobuf, first).Fingerprint, FormatAssert.Parses(SchemaType.Protobuf, second).Fingerprint);
        Assert.Equal(
            FormatAssert.Parses(SchemaType.Protobuf, first, normalize: true).Fingerprint,
            FormatAssert.Parses(SchemaType.Protobuf, second, normalize: true).Fingerprint);
    }

    [Fact]
    public void Normalize_QualifiesTypeNamesAndSortsImports()
    {
        var schema = FormatAssert.Parses(SchemaType.Protobuf, """
            syntax = "proto3";
            package p;
            import "google/protobuf/timestamp.proto";
            import "google/protobuf/duration.proto";
            message M { map<string, N> byKey = 2; google.protobuf.Timestamp at = 1; google.protobuf.Duration d = 3; }
            message N { }
            """, normalize: true);

        Assert.Contains("import \"google/protobuf/duration.proto\";\nimport \"google/protobuf/timestamp.proto\";", schema.Canonical, StringComparison.Ordinal);
        Assert.Contains("  .google.protobuf.Timestamp at = 1;\n  map<string, .p.N> byKey = 2;\n", schema.Canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_FieldTypeChanged_Differs()
    {
        Assert.NotEqual(
            FormatAssert.Parses(SchemaType.Protobuf, "syntax = \"proto3\"; message M { string a = 1; }").Fingerprint,
            FormatAssert.Parses(SchemaType.Protobuf, "syntax = \"proto3\"; message M { bytes a = 1; }").Fingerprint);
    }

    [Fact]
    public void Parse_SyntaxError_ReportsLineAndColumn()
    {
        var message = FormatAssert.Fails(SchemaType.Protobuf, "syntax = \"proto3\";\nmessage M {\n  int32 a = ;\n}\n");

        Assert.StartsWith("line 3, column ", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("syntax = \"proto3\";\nmessage M {\n  strin a = 1;\n}\n", "type not found: 'strin'")]
    [InlineData("syntax = \"proto3\";\nmessage M {\n  int32 a = 1;\n  int32 b = 1;\n}\n", "field 1 is already in use")]
    [InlineData("syntax = \"proto3\";\nimport \"other.proto\";\nmessage M { }\n", "other.proto")]
    public void Parse_InvalidSchema_SaysWhy(string text, string expected)
    {
        Assert.Contains(expected, FormatAssert.Fails(SchemaType.Protobuf, text), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ImportOfReference_ResolvesItsTypes()
    {
        var customer = new ResolvedReference("customer.proto", "syntax = \"proto3\";\npackage crm;\nmessage Customer { string name = 1; }\n", SchemaType.Protobuf);

        var schema = (ProtobufParsedSchema)FormatAssert.Parses(SchemaType.Protobuf,
            "syntax = \"proto3\";\nimport \"customer.proto\";\nmessage Order { crm.Customer buyer = 1; }\n", normalize: false, customer);

        Assert.Equal(".crm.Customer", schema.Main.MessageTypes[0].Fields[0].TypeName);
        Assert.Contains("  crm.Customer buyer = 1;\n", schema.Canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageTypes_ListDeclarationOrderWithIndexPaths()
    {
        var schema = (ProtobufParsedSchema)FormatAssert.Parses(SchemaType.Protobuf, Messy);

        Assert.Equal(
            [("acme.shop.Order", "0"), ("acme.shop.Order.Line", "0,0"), ("acme.shop.Customer", "1")],
            schema.MessageTypes.Select(m => (m.FullName, string.Join(',', m.IndexPath))));
        Assert.Equal([1], schema.IndexPathOf(".acme.shop.Customer"));
    }

    [Fact]
    public void Canonical_Proto2WithLabelsDefaultsAndEnums_KeepsThem()
    {
        var schema = FormatAssert.Parses(SchemaType.Protobuf, """
            syntax = "proto2";
            message M {
              required string id = 1;
              optional int32 count = 2 [default = 5];
              repeated string tags = 3;
              optional string note = 4 [default = "a\"b", json_name = "remark"];
            }
            """);

        Assert.Equal("""
            syntax = "proto2";

            message M {
              required string id = 1;
              optional int32 count = 2 [default = 5];
              repeated string tags = 3;
              optional string note = 4 [
                default = "a\"b",
                json_name = "remark"
              ];
            }

            """.ReplaceLineEndings("\n"), schema.Canonical);
    }

    [Fact]
    public void Canonical_CustomOptions_FallBackToTheTextAsGiven()
    {
        const string text = """
            syntax = "proto2";
            import "google/protobuf/descriptor.proto";
            extend google.protobuf.FieldOptions { optional string unit = 50000; }
            message M { optional int32 weight = 1 [(unit) = "kg"]; }
            """;

        var schema = FormatAssert.Parses(SchemaType.Protobuf, text);
        var respaced = FormatAssert.Parses(SchemaType.Protobuf, text.Replace("{ ", "{\n  ", StringComparison.Ordinal));

        Assert.Equal(text, schema.Canonical);
        Assert.Equal(schema.Fingerprint, respaced.Fingerprint);
    }
}
