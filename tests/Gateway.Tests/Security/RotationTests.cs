using Gateway.Tests.Support;
using static Gateway.Tests.Support.Credentials;

namespace Gateway.Tests.Security;

/// <summary>Secrets and keys change while the gateway runs, with no restart and no moment when neither works.</summary>
public sealed class RotationTests
{
    private const string OldSecret = "old-shared-secret-0123456789abc";
    private const string NewSecret = "new-shared-secret-0123456789abc";
    private const string Key = "rotation-key-0123456789abcdef00";

    [Fact]
    public async Task SharedSecret_AcceptsTheCurrentAndThePreviousValue()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Security:SharedSecret:Value"] = NewSecret,
            ["Security:SharedSecret:PreviousValue"] = OldSecret,
        });
        var client = factory.CreateClient();

        Assert.Equal(200, (int)(await ProduceAsync(client, TestTopics.Fresh(), ("X-Gateway-Secret", NewSecret))).StatusCode);
        Assert.Equal(200, (int)(await ProduceAsync(client, TestTopics.Fresh(), ("X-Gateway-Secret", OldSecret))).StatusCode);
        await Rest.AssertErrorAsync(await ProduceAsync(client, TestTopics.Fresh(), ("X-Gateway-Secret", "another-secret-0123456789")), 401, 401);
    }

    [Fact]
    public async Task SharedSecretFile_ChangedWhileRunning_IsPickedUp_WithThePreviousValueOnItsSecondLine()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, OldSecret + "\n");
            using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Security:SharedSecret:ValueFile"] = file });
            var client = factory.CreateClient();
            Assert.Equal(200, (int)(await ProduceAsync(client, TestTopics.Fresh(), ("X-Gateway-Secret", OldSecret))).StatusCode);

            await File.WriteAllTextAsync(file, $"{NewSecret}\n{OldSecret}\n");
            await UntilAsync(async () => (int)(await ProduceAsync(client, TestTopics.Fresh(), ("X-Gateway-Secret", NewSecret))).StatusCode == 200);
            Assert.Equal(200, (int)(await ProduceAsync(client, TestTopics.Fresh(), ("X-Gateway-Secret", OldSecret))).StatusCode);

            await File.WriteAllTextAsync(file, NewSecret + "\n");
            await UntilAsync(async () => (int)(await ProduceAsync(client, TestTopics.Fresh(), ("X-Gateway-Secret", OldSecret))).StatusCode == 401);
            Assert.Equal(200, (int)(await ProduceAsync(client, TestTopics.Fresh(), ("X-Gateway-Secret", NewSecret))).StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ApiKey_RevokedInTheConfiguration_IsRefusedWithoutARestart()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Security:AllowAnonymous"] = "false",
            ["Security:ApiKeys:leaked:Sha256"] = Sha256(Key),
            ["Security:ApiKeys:leaked:Topics:0"] = ".*",
        });
        var client = factory.CreateClient();
        Assert.Equal(200, (int)(await ProduceAsync(client, TestTopics.Fresh(), ApiKey(Key))).StatusCode);

        factory.Configuration["Security:ApiKeys:leaked:Revoked"] = "true";
        factory.Configuration.Reload();

        var message = await Rest.AssertErrorAsync(await ProduceAsync(client, TestTopics.Fresh(), ApiKey(Key)), 401, 401);
        Assert.Contains("revoked", message, StringComparison.Ordinal);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the change was not picked up within 15 s");
            await Task.Delay(250);
        }
    }
}
