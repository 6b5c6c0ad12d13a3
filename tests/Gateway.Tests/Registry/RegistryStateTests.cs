using System.Text;
using Gateway.Registry.Storage;

namespace Gateway.Tests.Registry;

/// <summary>The rules every instance applies to the topic's records, so they agree: Confluent's reader's rules.</summary>
public sealed class RegistryStateTests
{
    private static readonly string A = RegistryRest.Avro("A", ["x"]);
    private static readonly string B = RegistryRest.Avro("B", ["x"]);

    [Fact]
    public void SchemaRecord_WhoseIdBelongsToAnotherSchema_IsIgnored_FirstWriterWins()
    {
        var state = new RegistryState();
        Apply(state, 0, Key("s1", 1), Value("s1", 1, 1, A));
        Apply(state, 1, Key("s2", 1), Value("s2", 1, 1, B));

        Assert.Equal(A, state.ById(1)!.Text);
        Assert.Null(state.Get("s2", 1, includeDeleted: true));
        Assert.False(state.OutcomeAt(1)!.Applied);
    }

    [Fact]
    public void Records_InKarapacesKeyOrderAndWithANullGlobalSubject_AreRead()
    {
        var state = new RegistryState();
        Apply(state, 0, "{\"subject\":\"s\",\"version\":1,\"magic\":1,\"keytype\":\"SCHEMA\"}", Value("s", 1, 7, A));
        Apply(state, 1, "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}", "{\"compatibilityLevel\":\"FULL\"}");
        Apply(state, 2, "{\"keytype\":\"NOOP\",\"magic\":0}", null);
        Apply(state, 3, "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}", "{\"subject\":\"s\",\"version\":1}");

        Assert.Equal(7, state.Get("s", 1, includeDeleted: true)!.Schema.Id);
        Assert.True(state.Get("s", 1, includeDeleted: true)!.Deleted);
        Assert.Equal(Gateway.Registry.Formats.CompatibilityLevel.Full, state.GlobalLevel);
        Assert.Equal(8, state.NextVersion("s") + 6);
    }

    [Fact]
    public void Tombstone_OnASoftDeletedVersion_RemovesIt_AndTheIdWhenNothingElseUsesIt()
    {
        var state = new RegistryState();
        Apply(state, 0, Key("s", 1), Value("s", 1, 3, A));
        Apply(state, 1, Key("s", 1), Value("s", 1, 3, A, deleted: true));
        Apply(state, 2, Key("s", 1), null);

        Assert.Null(state.ById(3));
        Assert.False(state.HasSubject("s", includeDeleted: true));
        Assert.Equal(3, state.MaxId);
    }

    [Fact]
    public void Tombstone_OnALiveVersion_IsIgnored_SoALosersCleanUpNeverErasesAConcurrentWinner()
    {
        // A loser decided to clean its key up while it was empty; a winner took the key before the clean-up landed.
        var state = new RegistryState();
        Apply(state, 0, Key("s", 1), Value("s", 1, 3, A));
        Apply(state, 1, Key("s", 1), null);

        Assert.Equal(A, state.Get("s", 1, includeDeleted: false)!.Schema.Text);
        Assert.Equal(A, state.ById(3)!.Text);
        Assert.Equal((false, 0L), (state.OutcomeAt(1)!.Applied, state.OutcomeAt(1)!.PreviousRecord));
        Assert.Equal(1, state.LastRecordOf("s", 1));
    }

    [Fact]
    public void Record_AppliedAgainAtItsOffset_IsIgnored_SoWhatItsFirstApplicationSaidStands()
    {
        var state = new RegistryState();
        Apply(state, 0, Key("s", 1), Value("s", 1, 1, A));
        Apply(state, 1, Key("s", 1), Value("s", 1, 2, B));
        // The writer of offset 1 applied it when Kafka acknowledged it; then the reader fetches it.
        Apply(state, 1, Key("s", 1), Value("s", 1, 2, B));

        var outcome = state.OutcomeAt(1)!;
        Assert.Equal((false, 0L, A), (outcome.Applied, outcome.PreviousRecord, outcome.Replaced!.Schema.Text));
        Assert.Equal(A, state.Get("s", 1, includeDeleted: true)!.Schema.Text);
        Assert.Null(state.ById(2));
    }

    private static string Key(string subject, int version) => $"{{\"keytype\":\"SCHEMA\",\"subject\":\"{subject}\",\"version\":{version},\"magic\":1}}";

    private static string Value(string subject, int version, int id, string schema, bool deleted = false) =>
        $"{{\"subject\":\"{subject}\",\"version\":{version},\"id\":{id},\"schema\":{System.Text.Json.JsonSerializer.Serialize(schema)},\"deleted\":{(deleted ? "true" : "false")}}}";

    private static void Apply(RegistryState state, long offset, string key, string? value) =>
        state.Apply(offset, RegistryRecords.Read(Encoding.UTF8.GetBytes(key), value is null ? null : Encoding.UTF8.GetBytes(value)));
}
