using Gateway.Tests.Support;

namespace Gateway.Tests.Schemas;

/// <summary>A broken binding stops start-up with a message naming it.</summary>
public sealed class SchemaConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("schemas").FullName;

    [Fact]
    public void MissingSchemaFile_StopsStartUp_NamingTheEntry()
    {
        var error = StartUp.Fails(() => Start(("Pattern", "x.*"), ("Schema", "schemas/nowhere.schema.json")));

        Assert.Contains("Schemas:Bindings:broken:Schema", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenPattern_StopsStartUp_NamingTheEntry()
    {
        var error = StartUp.Fails(() => Start(("Pattern", "([0-9"), ("Schema", "schemas/pinterest/pin.schema.json")));

        Assert.Contains("Schemas:Bindings:broken:Pattern", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TopicAndPatternTogether_StopsStartUp()
    {
        var error = StartUp.Fails(() => Start(("Topic", "a"), ("Pattern", "b"), ("Schema", "schemas/pinterest/pin.schema.json")));

        Assert.Contains("Schemas:Bindings:broken needs exactly one of Topic or Pattern", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FormerBinaryOptOut_StopsStartUp_SayingWhatReplacesIt()
    {
        var error = StartUp.Fails(() => Start(("Pattern", "x.*"), ("Schema", "schemas/pinterest/pin.schema.json"), ("BinaryPayloadIsJson", "false")));

        Assert.Contains("Schemas:Bindings:broken:BinaryPayloadIsJson", error, StringComparison.Ordinal);
        Assert.Contains("Schemas:Bindings:broken:ValidateBinaryPayloads=false", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"type\": \"object\", ")]
    [InlineData("""{ "type": "object", "properties": { "when": { "type": "string", "format": "date-time" } } }""")]
    [InlineData("""{ "anyOf": [ { "type": "string" }, { "type": "integer" } ] }""")]
    public void UnparsableOrUnsupportedSchema_StopsStartUp_NamingTheEntry(string schema)
    {
        var path = Path.Combine(_folder, "bad.schema.json");
        File.WriteAllText(path, schema);

        var error = Assert.ThrowsAny<Exception>(() => Start(("Pattern", "x.*"), ("Schema", path)));

        Assert.Contains("Schemas:Bindings:broken:Schema", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void Start(params (string Key, string Value)[] binding)
    {
        using var factory = new GatewayFactory(binding.ToDictionary(b => $"Schemas:Bindings:broken:{b.Key}", b => (string?)b.Value));
        factory.CreateClient();
    }
}
