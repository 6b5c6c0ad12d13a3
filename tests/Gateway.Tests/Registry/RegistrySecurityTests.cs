using System.Security.Cryptography;
using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Registry;

/// <summary>Who may read, register, configure and delete, per subject pattern; ids under unreadable subjects do not exist for the caller.</summary>
public sealed class RegistrySecurityTests
{
    private const string TeamKey = "team-a-key-000000000000000000";

    [Fact]
    public async Task ApiKey_SeesAndRegistersOnlyItsSubjects_OthersAre403Or40403()
    {
        var settings = RegistryRest.WithAdmin(new Dictionary<string, string?>
        {
            ["Security:AllowAnonymous"] = "false",
            ["Security:ApiKeys:team-a:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TeamKey))),
            ["Security:ApiKeys:team-a:Subjects:Read:0"] = "team-a-.*",
            ["Security:ApiKeys:team-a:Subjects:Register:0"] = "team-a-.*",
        });
        using var gateway = new GatewayFactory(settings);
        var client = gateway.CreateClient();
        var theirs = RegistryRest.Avro("Theirs", ["b"]);
        var other = await Id(await RegistryRest.SendAsync(client, HttpMethod.Post, "/registry/subjects/team-b-value/versions", RegistryRest.Body(theirs), RegistryRest.AdminKey));

        var own = await Id(await RegistryRest.SendAsync(client, HttpMethod.Post, "/registry/subjects/team-a-value/versions", RegistryRest.Body(RegistryRest.Avro("Ours", ["a"])), TeamKey));

        var listed = await (await RegistryRest.SendAsync(client, HttpMethod.Get, "/registry/subjects", apiKey: TeamKey)).Content.ReadAsStringAsync();
        Assert.Equal("[\"team-a-value\"]", listed);
        Assert.Equal(200, (int)(await RegistryRest.SendAsync(client, HttpMethod.Get, $"/registry/schemas/ids/{own}", apiKey: TeamKey)).StatusCode);
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(client, HttpMethod.Get, $"/registry/schemas/ids/{other}", apiKey: TeamKey), 404, 40403);
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(client, HttpMethod.Post, "/registry/subjects/team-b-value/versions", RegistryRest.Body(theirs), TeamKey), 403, 40301);
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(client, HttpMethod.Get, "/registry/subjects/team-b-value/versions/latest", apiKey: TeamKey), 403, 40301);
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(client, HttpMethod.Delete, "/registry/subjects/team-a-value", apiKey: TeamKey), 403, 40301);
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(client, HttpMethod.Put, "/registry/config", "{\"compatibility\":\"NONE\"}", TeamKey), 403, 40301);
        await Rest.AssertErrorAsync(await client.GetAsync("/registry/subjects"), 401, 401);
    }

    private static async Task<int> Id(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32();
    }
}
