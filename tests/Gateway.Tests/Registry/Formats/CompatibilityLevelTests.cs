using Gateway.Registry.Formats;

namespace Gateway.Tests.Registry.Formats;

/// <summary>The seven levels over each format, with one evolution readable both ways, one only backward and one only forward.</summary>
public sealed class CompatibilityLevelTests
{
    private static readonly Dictionary<SchemaType, (string Base, string BothWays, string BackwardOnly, string ForwardOnly)> Evolutions = new()
    {
        [SchemaType.Avro] = (
            """{"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"h","type":"string"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"h","type":"string"},{"name":"g","type":"int","default":0}]}""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"h","type":"string"},{"name":"g","type":"int"}]}"""),
        [SchemaType.Json] = (
            """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"additionalProperties":false}""",
            """{"type":"object","properties":{"a":{"type":"string","description":"the a"},"b":{"type":"string"}},"additionalProperties":false}""",
            """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"},"c":{"type":"string"}},"additionalProperties":false}""",
            """{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}"""),
        [SchemaType.Protobuf] = (
            "syntax = \"proto3\";\nmessage A { string a = 1; }\nmessage B { }\n",
            "syntax = \"proto3\";\nmessage A { string a = 1; int32 b = 2; }\nmessage B { }\n",
            "syntax = \"proto3\";\nmessage A { string a = 1; }\nmessage B { }\nmessage C { }\n",
            "syntax = \"proto3\";\nmessage A { string a = 1; }\n"),
    };

    public static TheoryData<string, string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var type in Enum.GetValues<SchemaType>())
        {
            foreach (var level in Enum.GetValues<CompatibilityLevel>())
            {
                data.Add(type.ToWireName(), level.ToWireName(), "both-ways", true);
                data.Add(type.ToWireName(), level.ToWireName(), "backward-only", level == CompatibilityLevel.None || level.ChecksBackward() && !level.ChecksForward());
                data.Add(type.ToWireName(), level.ToWireName(), "forward-only", level == CompatibilityLevel.None || level.ChecksForward() && !level.ChecksBackward());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Check_EvolutionAtLevel_IsCompatibleOnlyWhereTheLevelAllows(string typeName, string levelName, string evolution, bool compatible)
    {
        Assert.True(SchemaTypes.TryParse(typeName, out var type));
        Assert.True(CompatibilityLevels.TryParse(levelName, out var level));
        var (baseSchema, bothWays, backwardOnly, forwardOnly) = Evolutions[type];
        var candidate = evolution switch
        {
            "both-ways" => bothWays,
            "backward-only" => backwardOnly,
            _ => forwardOnly,
        };

        var result = Check(type, level, candidate, baseSchema);

        Assert.Equal(compatible, result.IsCompatible);
        Assert.Equal(compatible, result.Messages().Count == 0);
    }

    public static TheoryData<string, string, string, string> Chains() => new()
    {
        {
            "AVRO",
            """{"type":"record","name":"R","fields":[{"name":"f","type":"int"}]}""",
            """{"type":"record","name":"R","fields":[]}""",
            """{"type":"record","name":"R","fields":[{"name":"f","type":"string","default":""}]}"""
        },
        {
            "PROTOBUF",
            "syntax = \"proto3\";\nmessage M { int32 f = 1; }\n",
            "syntax = \"proto3\";\nmessage M { }\n",
            "syntax = \"proto3\";\nmessage M { string f = 1; }\n"
        },
        {
            "JSON",
            """{"type":"object","properties":{"f":{"type":"string"}}}""",
            """{"type":"object","properties":{"f":{"type":"string","default":"x"}},"required":["f"]}""",
            """{"type":"object","properties":{"f":{"type":"string"}},"required":["f"]}"""
        },
    };

    [Theory]
    [MemberData(nameof(Chains))]
    public void Check_ThirdVersionReadingOnlyTheSecond_PassesBackwardButNotBackwardTransitive(string typeName, string v1, string v2, string v3)
    {
        Assert.True(SchemaTypes.TryParse(typeName, out var type));
        Assert.True(Check(type, CompatibilityLevel.Backward, v2, v1).IsCompatible);

        var earlier = new List<(int, ParsedSchema)> { (1, FormatAssert.Parses(type, v1)), (2, FormatAssert.Parses(type, v2)) };
        var candidate = FormatAssert.Parses(type, v3);
        var format = SchemaFormats.For(type);

        Assert.True(Compatibility.Check(CompatibilityLevel.Backward, format, candidate, earlier).IsCompatible);
        Assert.True(Compatibility.Check(CompatibilityLevel.FullTransitive, format, candidate, earlier) is { IsCompatible: false, FailedVersion: 1 });
        var transitive = Compatibility.Check(CompatibilityLevel.BackwardTransitive, format, candidate, earlier);
        Assert.False(transitive.IsCompatible);
        Assert.Equal(1, transitive.FailedVersion);
        Assert.Contains("{oldSchemaVersion: 1}", transitive.Messages());
        Assert.Equal("{validateFields: 'false', compatibility: 'BACKWARD_TRANSITIVE'}", transitive.Messages()[^1]);
    }

    [Fact]
    public void Check_None_AcceptsABreakingChange()
    {
        Assert.True(Check(SchemaType.Avro, CompatibilityLevel.None, "\"string\"", "\"int\"").IsCompatible);
    }

    [Fact]
    public void Check_NoEarlierVersions_IsCompatibleAtEveryLevel()
    {
        foreach (var level in Enum.GetValues<CompatibilityLevel>())
        {
            Assert.True(Compatibility.Check(level, SchemaFormats.For(SchemaType.Avro), FormatAssert.Parses(SchemaType.Avro, "\"int\""), []).IsCompatible);
        }
    }

    [Fact]
    public void Check_Full_ReportsForwardProblemsFirstThenBackward()
    {
        var result = Check(SchemaType.Avro, CompatibilityLevel.Full, "\"string\"", "\"int\"");

        Assert.Equal([SchemaRoles.OldReadsNew, SchemaRoles.NewReadsOld], result.Failures.Select(f => f.Roles));
        Assert.Contains("in the old schema does not match with the new schema", result.Failures[0].Problem.Description, StringComparison.Ordinal);
        Assert.Contains("in the new schema does not match with the old schema", result.Failures[1].Problem.Description, StringComparison.Ordinal);
        Assert.Equal("{oldSchemaVersion: 1}", result.Messages()[2]);
    }

    [Fact]
    public void Check_DifferentSchemaType_IsIncompatible()
    {
        var result = Compatibility.Check(CompatibilityLevel.Backward, SchemaFormats.For(SchemaType.Json),
            FormatAssert.Parses(SchemaType.Json, """{"type":"string"}"""), [(1, FormatAssert.Parses(SchemaType.Avro, "\"string\""))]);

        Assert.Equal("Incompatible because of different schema type", result.Messages()[0]);
    }

    private static CompatibilityResult Check(SchemaType type, CompatibilityLevel level, string candidate, string latest) =>
        Compatibility.Check(level, SchemaFormats.For(type), FormatAssert.Parses(type, candidate), [(1, FormatAssert.Parses(type, latest))]);
}
