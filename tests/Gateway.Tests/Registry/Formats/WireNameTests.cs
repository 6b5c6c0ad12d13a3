using Gateway.Registry.Formats;

namespace Gateway.Tests.Registry.Formats;

public sealed class WireNameTests
{
    [Theory]
    [InlineData(null, "AVRO")]
    [InlineData("", "AVRO")]
    [InlineData("avro", "AVRO")]
    [InlineData("Json", "JSON")]
    [InlineData("protobuf", "PROTOBUF")]
    public void SchemaType_WireName_ParsesCaseInsensitivelyWithAvroAsDefault(string? wire, string expected)
    {
        Assert.True(SchemaTypes.TryParse(wire, out var type));
        Assert.Equal(expected, type.ToWireName());
    }

    [Fact]
    public void SchemaType_UnknownName_IsRefusedAndKnownOnesRoundTrip()
    {
        Assert.False(SchemaTypes.TryParse("XML", out _));
        Assert.All(Enum.GetValues<SchemaType>(), t => Assert.True(SchemaTypes.TryParse(t.ToWireName(), out var back) && back == t));
    }

    [Theory]
    [InlineData("backward_transitive")]
    [InlineData("Full")]
    [InlineData("NONE")]
    public void CompatibilityLevel_WireName_ParsesCaseInsensitively(string wire)
    {
        Assert.True(CompatibilityLevels.TryParse(wire, out var level));
        Assert.Equal(wire.ToUpperInvariant(), level.ToWireName());
    }

    [Fact]
    public void CompatibilityLevel_TransitiveLevels_CheckTheirDirections()
    {
        Assert.True(CompatibilityLevel.FullTransitive.ChecksBackward() && CompatibilityLevel.FullTransitive.ChecksForward());
        Assert.False(CompatibilityLevel.ForwardTransitive.ChecksBackward());
        Assert.True(CompatibilityLevel.ForwardTransitive.IsTransitive() && !CompatibilityLevel.Forward.IsTransitive());
    }

    [Fact]
    public void CompatibilityLevel_UnknownName_IsRefused()
    {
        Assert.False(CompatibilityLevels.TryParse("SIDEWAYS", out _));
        Assert.False(CompatibilityLevels.TryParse(null, out _));
    }
}
