using System.Text;
using Confluent.SchemaRegistry;
using Gateway.Registry;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using GatewaySchemaType = Gateway.Registry.Formats.SchemaType;

namespace Gateway.Tests.Registry;

/// <summary>
/// Confluent's own .NET client against the gateway's registry running as a real process, and the gateway as a
/// client (<c>Registry:Url</c>, bearer token) of that registry.
/// </summary>
public sealed class ConfluentClientTests
{
    private static readonly string JwtKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("registry-test-hmac-signing-key-32-bytes!"));

    [Fact]
    public async Task CachedSchemaRegistryClient_RegistersLooksUpGetsLatestTestsCompatibility_AndSeesDeletes()
    {
        var topic = $"_schemas-{Guid.NewGuid():N}";
        using var cluster = RegistryRest.ClusterWithTopic(topic);
        using var gateway = await GatewayProcess.StartAsync(cluster.BootstrapServers, Settings(topic));
        using var client = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = $"http://127.0.0.1:{gateway.Port}/registry" });
        var subject = RegistryRest.Subject();
        var v1 = new Schema(RegistryRest.Avro("User", ["name"]), SchemaType.Avro);
        var v2 = new Schema(RegistryRest.Avro("User", ["name"], "email"), SchemaType.Avro);

        var id = await client.RegisterSchemaAsync(subject, v1);
        var sameId = await client.GetSchemaIdAsync(subject, v1);
        var byId = await client.GetSchemaAsync(id);
        Assert.True(await client.IsCompatibleAsync(subject, v2));
        Assert.False(await client.IsCompatibleAsync(subject, new Schema(RegistryRest.Avro("User", ["name", "phone"]), SchemaType.Avro)));
        var id2 = await client.RegisterSchemaAsync(subject, v2);
        var latest = await client.GetLatestSchemaAsync(subject);
        var looked = await client.LookupSchemaAsync(subject, v1, ignoreDeletedSchemas: true);
        var incompatible = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync(subject, new Schema(RegistryRest.Avro("User", ["name", "phone"]), SchemaType.Avro)));
        var json = await client.RegisterSchemaAsync(RegistryRest.Subject(), new Schema("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}", SchemaType.Json));

        Assert.Equal(id, sameId);
        Assert.Equal(v1.SchemaString, byId.SchemaString);
        Assert.NotEqual(id, id2);
        Assert.Equal((id2, 2, v2.SchemaString), (latest.Id, latest.Version, latest.SchemaString));
        Assert.Equal((id, 1), (looked.Id, looked.Version));
        Assert.Equal(409, incompatible.ErrorCode);
        Assert.Equal(SchemaType.Json, (await client.GetSchemaAsync(json)).SchemaType);
        Assert.Contains(subject, await client.GetAllSubjectsAsync());

        // The .NET client has no delete: delete over HTTP as an operator would, then the client sees it.
        var deleted = await RegistryRest.SendAsync(gateway.Client, HttpMethod.Delete, $"/registry/subjects/{subject}", apiKey: RegistryRest.AdminKey);
        Assert.Equal("[1,2]", await deleted.Content.ReadAsStringAsync());
        Assert.DoesNotContain(subject, await client.GetAllSubjectsAsync());
        var gone = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSubjectVersionsAsync(subject));
        Assert.Equal(40401, gone.ErrorCode);
    }

    [Fact]
    public async Task ClientMode_GatewayUsesAnotherRegistryWithABearerToken_AndServesNoRegistryOfItsOwn()
    {
        var topic = $"_schemas-{Guid.NewGuid():N}";
        using var cluster = RegistryRest.ClusterWithTopic(topic);
        var settings = Settings(topic);
        settings["Security__AllowAnonymous"] = "false";
        settings["Security__Jwt__Issuer"] = "https://issuer.example";
        settings["Security__Jwt__Audience"] = "gateway";
        settings["Security__Jwt__SigningKey"] = JwtKey;
        using var registry = await GatewayProcess.StartAsync(cluster.BootstrapServers, settings);
        var tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, Token("orders-*"));
        try
        {
            using var gateway = new GatewayFactory(new Dictionary<string, string?>
            {
                ["Registry:Url"] = $"http://127.0.0.1:{registry.Port}/registry",
                ["Registry:BearerTokenFile"] = tokenFile,
            });
            var schemas = gateway.Services.GetRequiredService<ISchemaRegistry>();
            var definition = new SchemaDefinition(GatewaySchemaType.Avro, RegistryRest.Avro("Order", ["id"]), []);

            var (registered, error) = await schemas.LookupOrRegisterAsync("orders-value", definition);
            Assert.Null(error);
            var (byId, _) = await schemas.GetByIdAsync(registered!.Id);
            var (latest, _) = await schemas.GetLatestAsync("orders-value");
            var (again, _) = await schemas.LookupOrRegisterAsync("orders-value", definition);
            var (_, refused) = await schemas.LookupOrRegisterAsync("payments-value", definition);
            var (_, unknown) = await schemas.GetVersionAsync("orders-value", 9);

            Assert.Equal(1, registered.Version);
            Assert.Equal(definition.Text, byId!.Parsed.Canonical);
            Assert.Equal((registered.Id, 1), (latest!.Id, latest.Version));
            Assert.Equal(registered.Id, again!.Id);
            Assert.Equal(403, refused!.Status);
            Assert.Equal(40402, unknown!.Code);
            Assert.Equal(404, (int)(await gateway.CreateClient().GetAsync("/registry/subjects")).StatusCode);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    private static Dictionary<string, string> Settings(string topic)
    {
        var settings = new Dictionary<string, string> { ["Registry__Topic"] = topic };
        foreach (var (key, value) in RegistryRest.WithAdmin())
        {
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        return settings;
    }

    private static string Token(string subjects) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://issuer.example",
            Audience = "gateway",
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "gateway-b", ["registry_read"] = subjects, ["registry_register"] = subjects },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(JwtKey)), SecurityAlgorithms.HmacSha256),
        });
}
