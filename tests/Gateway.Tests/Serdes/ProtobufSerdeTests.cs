using Gateway.Registry.Formats;

namespace Gateway.Tests.Serdes;

/// <summary>
/// Protobuf records against bytes computed by hand from the encoding specification (protobuf.dev "Encoding": tags are
/// field_number &lt;&lt; 3 | wire_type; varints little-endian base 128; sint zig-zag; fixed and double little-endian;
/// packed repeated scalars as one length-delimited run) and the message-index path from Confluent's wire format.
/// </summary>
public sealed class ProtobufSerdeTests
{
    private const string Shop = """
        syntax = "proto3";
        package shop;
        import "google/protobuf/timestamp.proto";

        message Order {
          int64 id = 1;
          string customer_name = 2;
          repeated int32 quantities = 3;
          Status status = 4;
          map<string, int32> tags = 5;
          Item first = 6;
          bytes token = 7;
          double total = 8;
          bool paid = 9;
          sint32 delta = 10;
          optional string note = 11;
          google.protobuf.Timestamp placed = 12;
          oneof payment {
            string card = 13;
            string iban = 14;
          }
          repeated Item items = 15;
          fixed32 f32 = 16;

          message Item {
            string sku = 1;
            uint32 count = 2;
          }

          enum Status {
            UNKNOWN = 0;
            PAID = 1;
            SHIPPED = 2;
          }
        }

        message Refund {
          int64 order_id = 1;
          Reason reason = 2;

          message Reason {
            string text = 1;
          }
        }
        """;

    private const string FullOrder = """
        {"id":"150","customerName":"Ann","quantities":[1,2,300],"status":"PAID","tags":{"a":1},"first":{"sku":"x","count":2},
         "token":"AQI=","total":1.5,"paid":true,"delta":-2,"note":"","placed":"1970-01-01T00:00:01.5Z","card":"4111",
         "items":[{"sku":"y"}],"f32":7}
        """;

    // Header: magic 00, id 01020304. Index path [0]: the single byte 00. Then, by field number:
    //  1 id 150:            08 9601
    //  2 customer_name:     12 03 416E6E
    //  3 quantities packed: 1A 04 01 02 AC02
    //  4 status PAID:       20 01
    //  5 tags {"a":1}:      2A 05 [0A 01 61, 10 01]
    //  6 first:             32 05 [0A 01 78, 10 02]
    //  7 token 0x0102:      3A 02 0102
    //  8 total 1.5:         41 000000000000F83F
    //  9 paid:              48 01
    // 10 delta -2 zig-zag:  50 03
    // 11 note "" (optional, so written): 5A 00
    // 12 placed 1 s 500000000 ns: 62 08 [08 01, 10 80CAB5EE01]
    // 13 card:              6A 04 34313131
    // 15 items:             7A 03 [0A 01 79]
    // 16 f32 7:             8501 07000000
    private const string FullOrderBytes =
        "00" + "01020304" + "00"
        + "089601" + "1203416E6E" + "1A040102AC02" + "2001" + "2A050A01611001" + "32050A017810023A020102"
        + "41000000000000F83F" + "4801" + "5003" + "5A00" + "620808011080CAB5EE01" + "6A0434313131" + "7A030A0179" + "850107000000";

    [Fact]
    public void FromJson_FirstMessageType_IsIndexPathZeroAndTheHandComputedEncoding()
    {
        var schema = SerdeAssert.Schema(SchemaType.Protobuf, Shop);

        Assert.Equal(FullOrderBytes, SerdeAssert.Hex(SerdeAssert.Serializes(schema, FullOrder)));
    }

    [Fact]
    public void FromJson_ProtoNamesNumbersForEnumsAndIntegersForInt64_EncodeTheSame()
    {
        var schema = SerdeAssert.Schema(SchemaType.Protobuf, Shop);
        var other = FullOrder.Replace("\"customerName\"", "\"customer_name\"", StringComparison.Ordinal)
            .Replace("\"status\":\"PAID\"", "\"status\":1", StringComparison.Ordinal)
            .Replace("\"id\":\"150\"", "\"id\":150", StringComparison.Ordinal)
            .Replace("\"total\":1.5", "\"total\":\"1.5\"", StringComparison.Ordinal);

        Assert.Equal(FullOrderBytes, SerdeAssert.Hex(SerdeAssert.Serializes(schema, other)));
    }

    [Fact]
    public void FromJson_DefaultsOfProto3Scalars_AreLeftOutAndNegativeInt64IsTenBytes()
    {
        var schema = SerdeAssert.Schema(SchemaType.Protobuf, Shop);

        var record = SerdeAssert.Serializes(schema, """{"id":"-1","customerName":"","quantities":[],"status":"UNKNOWN","paid":false,"total":0}""");

        Assert.Equal("000102030400" + "08FFFFFFFFFFFFFFFFFF01", SerdeAssert.Hex(record));
    }

    [Fact]
    public void FromJson_NonFirstMessageType_WritesItsIndexPath()
    {
        var schema = SerdeAssert.Schema(SchemaType.Protobuf, Shop);

        var record = SerdeAssert.Serializes(schema, """{"orderId":"7","reason":{"text":"late"}}""", "shop.Refund");

        // Path [1]: count 1 and index 1, each zig-zag (2): 02 02. Then 1 order_id 7: 08 07; 2 reason: 12 06 [0A 04 "late"].
        Assert.Equal("0001020304" + "0202" + "0807" + "12060A046C617465", SerdeAssert.Hex(record));
    }

    [Fact]
    public void FromJson_NestedMessageTypes_WriteTheirIndexPaths()
    {
        var schema = SerdeAssert.Schema(SchemaType.Protobuf, Shop);

        // Path [1, 0]: count 2 (04), then 1 (02) and 0 (00).
        Assert.Equal("0001020304" + "040200" + "0A046C617465", SerdeAssert.Hex(SerdeAssert.Serializes(schema, """{"text":"late"}""", ".shop.Refund.Reason")));
        // Path [0, 0]: Order.Item.
        Assert.Equal("0001020304" + "040000" + "0A0179", SerdeAssert.Hex(SerdeAssert.Serializes(schema, """{"sku":"y"}""", "shop.Order.Item")));
    }

    [Fact]
    public void FromJson_UnknownMessageType_IsAViolationNamingTheTypes()
    {
        var schema = SerdeAssert.Schema(SchemaType.Protobuf, Shop);

        var violation = Assert.Single(SerdeAssert.Violations(schema, "{}", "shop.Nope"));

        Assert.Equal(("", "messageType"), (violation.Pointer, violation.Keyword));
        Assert.Contains("shop.Order, shop.Order.Item, shop.Refund, shop.Refund.Reason", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_ValueWithSeveralMistakes_ReportsEveryOneWithItsPointer()
    {
        var schema = SerdeAssert.Schema(SchemaType.Protobuf, Shop);

        var violations = SerdeAssert.Violations(schema, """
            {"id":"x","customerName":5,"quantities":[1,"a",2.5],"status":"LOST","tags":{"a":"b"},"card":"1","iban":"2","bogus":1,
             "first":{"sku":1},"placed":"yesterday","f32":-1}
            """);

        Assert.Equal(
            [
                ("/iban", "oneof"), ("/bogus", "unknown"), ("/id", "type"), ("/customerName", "type"), ("/quantities/1", "type"),
                ("/quantities/2", "type"), ("/status", "enum"), ("/tags/a", "type"), ("/first/sku", "type"), ("/placed", "format"), ("/f32", "type"),
            ],
            violations.Select(v => (v.Pointer, v.Keyword)).ToArray());
        Assert.Contains("'LOST' is not a value of enum shop.Order.Status: UNKNOWN, PAID, SHIPPED", violations.Select(v => v.Message));
    }

    [Fact]
    public void RoundTrip_RendersAsKafkaRestsConsumer()
    {
        var schema = SerdeAssert.Schema(SchemaType.Protobuf, Shop);

        var rendered = SerdeAssert.Renders(schema, SerdeAssert.Serializes(schema, FullOrder));

        Assert.Equal(
            """{"id":"150","customerName":"Ann","quantities":[1,2,300],"status":"PAID","tags":{"a":1},"first":{"sku":"x","count":2},"token":"AQI=","total":1.5,"paid":true,"delta":-2,"note":"","placed":"1970-01-01T00:00:01.500Z","card":"4111","items":[{"sku":"y","count":0}],"f32":7}""",
            rendered);
        Assert.Equal(FullOrderBytes, SerdeAssert.Hex(SerdeAssert.Serializes(schema, rendered)));
    }

    [Fact]
    public void ToJson_UnsetFields_RenderAtTheirDefaultsExceptMessagesAndOneofs()
    {
        var schema = SerdeAssert.Schema(SchemaType.Protobuf, Shop);

        var rendered = SerdeAssert.Renders(schema, SerdeAssert.Serializes(schema, """{"id":"1"}"""));

        Assert.Equal("""{"id":"1","customerName":"","quantities":[],"status":"UNKNOWN","tags":{},"token":"","total":0.0,"paid":false,"delta":0,"items":[],"f32":0}""", rendered);
    }

    [Fact]
    public void RoundTrip_WellKnownTypes_TakeAndRenderTheirJsonForms()
    {
        var schema = SerdeAssert.Schema(SchemaType.Protobuf, """
            syntax = "proto3";
            package wk;
            import "google/protobuf/struct.proto";
            import "google/protobuf/wrappers.proto";
            import "google/protobuf/duration.proto";
            import "google/protobuf/field_mask.proto";
            message Doc {
              google.protobuf.Struct attrs = 1;
              google.protobuf.Int64Value count = 2;
              google.protobuf.Duration ttl = 3;
              google.protobuf.FieldMask mask = 4;
              google.protobuf.ListValue list = 5;
            }
            """);

        var record = SerdeAssert.Serializes(schema, """{"attrs":{"a":1},"count":"5","ttl":"90.5s","mask":"user.displayName,photo","list":[null,"s",false]}""");

        // attrs: Struct{fields: entry{key "a", value Value{number_value 1.0 (11 ...F03F)}}}; count: 08 05; ttl: 08 5A, 10 80CAB5EE01;
        // mask: two paths in snake case; list: Values null_value (08 00), string_value "s" (1A 01 73), bool_value false (20 00).
        Assert.Equal(
            "000102030400" + "0A100A0E0A0161120911000000000000F03F" + "12020805" + "1A08085A1080CAB5EE01"
            + "221A0A11757365722E646973706C61795F6E616D650A0570686F746F" + "2A0D0A0208000A031A01730A022000",
            SerdeAssert.Hex(record));
        Assert.Equal("""{"attrs":{"a":1.0},"count":"5","ttl":"90.500s","mask":"user.displayName,photo","list":[null,"s",false]}""", SerdeAssert.Renders(schema, record));
    }

    [Fact]
    public void ToJson_BytesNotInTheWireFormat_AreRefusedWithAClearProblem()
    {
        var schema = SerdeAssert.Schema(SchemaType.Protobuf, Shop);
        var record = Convert.FromHexString(FullOrderBytes);

        Assert.Contains("fewer than the 5", SerdeAssert.Problem(schema, [0, 1, 2]), StringComparison.Ordinal);
        Assert.Contains("not the magic byte", SerdeAssert.Problem(schema, [1, .. record[1..]]), StringComparison.Ordinal);
        Assert.Contains("path [5] names no message type", SerdeAssert.Problem(schema, [.. record[..5], 0x02, 0x0A, .. record[6..]]), StringComparison.Ordinal);
        Assert.Contains("index 1 of the Protobuf message-index path is missing", SerdeAssert.Problem(schema, [.. record[..5], 0x04, 0x02]), StringComparison.Ordinal);
        Assert.Contains("not a Protobuf shop.Order", SerdeAssert.Problem(schema, record[..^3]), StringComparison.Ordinal);
    }
}
