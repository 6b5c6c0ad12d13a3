using System.Net.Http.Headers;
using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Registry;

/// <summary>One gateway with an admin API key for the registry API tests; each test uses subjects of its own.</summary>
public sealed class RegistryGateway : IDisposable
{
    public GatewayFactory Factory { get; } = new(RegistryRest.WithAdmin());

    public void Dispose() => Factory.Dispose();
}

/// <summary>Confluent's routes, answers and error codes, over HTTP, against the gateway's own registry.</summary>
public sealed class RegistryApiTests(RegistryGateway gateway) : IClassFixture<RegistryGateway>
{
    private static readonly string User = RegistryRest.Avro("User", ["name"]);
    private readonly HttpClient _client = gateway.Factory.CreateClient();

    [Fact]
    public async Task Register_SameSchemaUnderTwoSubjects_OneIdVersionsPerSubject()
    {
        var (a, b) = (RegistryRest.Subject(), RegistryRest.Subject());
        await RegistryRest.RegisterAsync(_client, a, RegistryRest.Body(RegistryRest.Avro("Other", ["x"])));
        var first = await RegistryRest.RegisterAsync(_client, a, RegistryRest.Body(RegistryRest.Avro("Other", ["x"], "y")));
        var second = await RegistryRest.RegisterAsync(_client, b, RegistryRest.Body(RegistryRest.Avro("Other", ["x"], "y")));
        var again = await RegistryRest.RegisterAsync(_client, b, RegistryRest.Body(RegistryRest.Avro("Other", ["x"], "y")));

        Assert.Equal(first, second);
        Assert.Equal(first, again);
        Assert.Equal(2, (await RegistryRest.GetJsonAsync(_client, $"/registry/subjects/{a}/versions/latest")).GetProperty("version").GetInt32());
        Assert.Equal(1, (await RegistryRest.GetJsonAsync(_client, $"/registry/subjects/{b}/versions/latest")).GetProperty("version").GetInt32());
        Assert.Equal("[1]", (await RegistryRest.GetJsonAsync(_client, $"/registry/subjects/{b}/versions")).GetRawText());
    }

    [Fact]
    public async Task GetVersion_AnswersConfluentsDocumentInItsMediaType()
    {
        var subject = RegistryRest.Subject();
        var id = await RegistryRest.RegisterAsync(_client, subject, RegistryRest.Body(User));

        var response = await _client.GetAsync($"/registry/subjects/{subject}/versions/1");

        Assert.Equal(RegistryRest.V1, response.Content.Headers.ContentType?.MediaType);
        var expected = $"{{\"subject\":\"{subject}\",\"version\":1,\"id\":{id},\"schema\":\"{User.Replace("\"", "\\\"", StringComparison.Ordinal)}\"}}";
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        Assert.Equal(User, await (await _client.GetAsync($"/registry/subjects/{subject}/versions/latest/schema")).Content.ReadAsStringAsync());
        Assert.Equal(User, await (await _client.GetAsync($"/registry/schemas/ids/{id}/schema")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_BackwardIncompatible_Is409SayingWhatIsIncompatible()
    {
        var subject = RegistryRest.Subject();
        await RegistryRest.RegisterAsync(_client, subject, RegistryRest.Body(User));

        var response = await RegistryRest.SendAsync(_client, HttpMethod.Post, $"/registry/subjects/{subject}/versions", RegistryRest.Body(RegistryRest.Avro("User", ["name", "email"])));

        var message = await Rest.AssertErrorAsync(response, 409, 409);
        Assert.Contains("READER_FIELD_MISSING_DEFAULT_VALUE", message, StringComparison.Ordinal);
        Assert.Contains("email", message, StringComparison.Ordinal);
        Assert.Contains($"for subject \"{subject}\"", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"X\\\"}\"}", 422, 42201)]
    [InlineData("{\"schema\":\"not json\"}", 422, 42201)]
    [InlineData("{\"schema\":\"\"}", 422, 42201)]
    [InlineData("{\"schemaType\":\"AVRO\"}", 422, 42201)]
    [InlineData("{\"schema\":\"{}\",\"schemaType\":\"XML\"}", 422, 42201)]
    [InlineData("{\"schema\":\"syntax = \\\"proto3\\\"; message {\",\"schemaType\":\"PROTOBUF\"}", 422, 42201)]
    [InlineData("{\"schema\":\"{\\\"type\\\":\\\"nope\\\"}\",\"schemaType\":\"JSON\"}", 422, 42201)]
    [InlineData("{\"schema\":\"\\\"string\\\"\",\"references\":[{\"name\":\"a\",\"subject\":\"missing-subject\",\"version\":1}]}", 422, 42201)]
    [InlineData("{\"schema\":", 400, 400)]
    [InlineData("{\"schema\":42}", 422, 422)]
    public async Task Register_BadBody_IsRefusedWithConfluentsCode(string body, int status, int code)
    {
        var response = await RegistryRest.SendAsync(_client, HttpMethod.Post, $"/registry/subjects/{RegistryRest.Subject()}/versions", body);

        await Rest.AssertErrorAsync(response, status, code);
    }

    [Theory]
    [InlineData("__GLOBAL")]
    [InlineData("__EMPTY")]
    [InlineData("*")]
    public async Task Register_ReservedSubjectName_Is42208(string subject)
    {
        var response = await RegistryRest.SendAsync(_client, HttpMethod.Post, $"/registry/subjects/{Uri.EscapeDataString(subject)}/versions", RegistryRest.Body(User));

        await Rest.AssertErrorAsync(response, 422, 42208);
    }

    [Fact]
    public async Task Reads_UnknownSubjectVersionOrId_GetConfluentsNotFoundCodes()
    {
        var subject = RegistryRest.Subject();
        await RegistryRest.RegisterAsync(_client, subject, RegistryRest.Body(User));

        Assert.Contains("not found", await Rest.AssertErrorAsync(await _client.GetAsync($"/registry/subjects/{RegistryRest.Subject()}/versions/1"), 404, 40401), StringComparison.Ordinal);
        await Rest.AssertErrorAsync(await _client.GetAsync($"/registry/subjects/{RegistryRest.Subject()}/versions"), 404, 40401);
        Assert.Equal("Version 7 not found.", await Rest.AssertErrorAsync(await _client.GetAsync($"/registry/subjects/{subject}/versions/7"), 404, 40402));
        await Rest.AssertErrorAsync(await _client.GetAsync($"/registry/subjects/{subject}/versions/0"), 422, 42202);
        await Rest.AssertErrorAsync(await _client.GetAsync($"/registry/subjects/{subject}/versions/first"), 422, 42202);
        await Rest.AssertErrorAsync(await _client.GetAsync("/registry/schemas/ids/987654"), 404, 40403);
        await Rest.AssertErrorAsync(await _client.GetAsync("/registry/schemas/ids/987654/versions"), 404, 40403);
    }

    [Fact]
    public async Task Lookup_FindsTheVersionHoldingTheSchema_Else40403Or40401()
    {
        var subject = RegistryRest.Subject();
        var id = await RegistryRest.RegisterAsync(_client, subject, RegistryRest.Body(User));
        // The same schema written with other whitespace is the same schema.
        var spaced = User.Replace(",", ", ", StringComparison.Ordinal);

        var found = await RegistryRest.SendAsync(_client, HttpMethod.Post, $"/registry/subjects/{subject}", RegistryRest.Body(spaced));

        var answer = await Rest.JsonAsync(found);
        Assert.Equal(id, answer.GetProperty("id").GetInt32());
        Assert.Equal(1, answer.GetProperty("version").GetInt32());
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(_client, HttpMethod.Post, $"/registry/subjects/{subject}", RegistryRest.Body(RegistryRest.Avro("Other", ["x"]))), 404, 40403);
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(_client, HttpMethod.Post, $"/registry/subjects/{RegistryRest.Subject()}", RegistryRest.Body(User)), 404, 40401);
    }

    [Fact]
    public async Task Config_LevelsGlobalAndPerSubject_DecideWhatRegisters()
    {
        var subject = RegistryRest.Subject();
        await RegistryRest.RegisterAsync(_client, subject, RegistryRest.Body(User));
        await Rest.AssertErrorAsync(await _client.GetAsync($"/registry/config/{subject}"), 404, 40408);
        Assert.Equal("BACKWARD", (await RegistryRest.GetJsonAsync(_client, $"/registry/config/{subject}?defaultToGlobal=true")).GetProperty("compatibilityLevel").GetString());

        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(_client, HttpMethod.Put, $"/registry/config/{subject}", "{\"compatibility\":\"SIDEWAYS\"}", RegistryRest.AdminKey), 422, 42203);
        var set = await RegistryRest.SendAsync(_client, HttpMethod.Put, $"/registry/config/{subject}", "{\"compatibility\":\"NONE\"}", RegistryRest.AdminKey);
        Assert.Equal("{\"compatibility\":\"NONE\"}", await set.Content.ReadAsStringAsync());

        // NONE lets the incompatible schema in; the subject's level is what GET answers.
        await RegistryRest.RegisterAsync(_client, subject, RegistryRest.Body(RegistryRest.Avro("User", ["name", "email"])));
        Assert.Equal("NONE", (await RegistryRest.GetJsonAsync(_client, $"/registry/config/{subject}")).GetProperty("compatibilityLevel").GetString());
        Assert.Equal("{\"compatibilityLevel\":\"NONE\"}", await (await RegistryRest.SendAsync(_client, HttpMethod.Delete, $"/registry/config/{subject}", apiKey: RegistryRest.AdminKey)).Content.ReadAsStringAsync());
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(_client, HttpMethod.Delete, $"/registry/config/{subject}", apiKey: RegistryRest.AdminKey), 404, 40401);
    }

    [Fact]
    public async Task Compatibility_Check_AnswersWithoutRegistering_VerboseSaysWhy()
    {
        var subject = RegistryRest.Subject();
        await RegistryRest.RegisterAsync(_client, subject, RegistryRest.Body(User));
        var breaking = RegistryRest.Body(RegistryRest.Avro("User", ["name", "email"]));

        var plain = await RegistryRest.SendAsync(_client, HttpMethod.Post, $"/registry/compatibility/subjects/{subject}/versions/latest", breaking);
        var verbose = await Rest.JsonAsync(await RegistryRest.SendAsync(_client, HttpMethod.Post, $"/registry/compatibility/subjects/{subject}/versions/1?verbose=true", breaking));
        var fine = await RegistryRest.SendAsync(_client, HttpMethod.Post, $"/registry/compatibility/subjects/{subject}/versions/latest", RegistryRest.Body(RegistryRest.Avro("User", ["name"], "email")));

        Assert.Equal("{\"is_compatible\":false}", await plain.Content.ReadAsStringAsync());
        Assert.False(verbose.GetProperty("is_compatible").GetBoolean());
        Assert.Contains(verbose.GetProperty("messages").EnumerateArray(), m => m.GetString()!.Contains("READER_FIELD_MISSING_DEFAULT_VALUE", StringComparison.Ordinal));
        Assert.Equal("{\"is_compatible\":true}", await fine.Content.ReadAsStringAsync());
        Assert.Equal("[1]", (await RegistryRest.GetJsonAsync(_client, $"/registry/subjects/{subject}/versions")).GetRawText());
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(_client, HttpMethod.Post, $"/registry/compatibility/subjects/{subject}/versions/5", breaking), 404, 40402);
    }

    [Fact]
    public async Task Delete_SoftThenPermanent_InConfluentsOrder()
    {
        var subject = RegistryRest.Subject();
        var id = await RegistryRest.RegisterAsync(_client, subject, RegistryRest.Body(User));
        await RegistryRest.RegisterAsync(_client, subject, RegistryRest.Body(RegistryRest.Avro("User", ["name"], "email")));
        var path = $"/registry/subjects/{subject}";

        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(_client, HttpMethod.Delete, $"{path}/versions/1?permanent=true", apiKey: RegistryRest.AdminKey), 404, 40407);
        Assert.Equal("1", await (await RegistryRest.SendAsync(_client, HttpMethod.Delete, $"{path}/versions/1", apiKey: RegistryRest.AdminKey)).Content.ReadAsStringAsync());
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(_client, HttpMethod.Delete, $"{path}/versions/1", apiKey: RegistryRest.AdminKey), 404, 40406);
        Assert.Equal("[2]", (await RegistryRest.GetJsonAsync(_client, $"{path}/versions")).GetRawText());
        Assert.Equal("[1,2]", (await RegistryRest.GetJsonAsync(_client, $"{path}/versions?deleted=true")).GetRawText());
        // A soft-deleted version's id still decodes data.
        Assert.Equal(User, (await RegistryRest.GetJsonAsync(_client, $"/registry/schemas/ids/{id}")).GetProperty("schema").GetString());

        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(_client, HttpMethod.Delete, $"{path}?permanent=true", apiKey: RegistryRest.AdminKey), 404, 40405);
        Assert.Equal("[2]", await (await RegistryRest.SendAsync(_client, HttpMethod.Delete, path, apiKey: RegistryRest.AdminKey)).Content.ReadAsStringAsync());
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(_client, HttpMethod.Delete, path, apiKey: RegistryRest.AdminKey), 404, 40404);
        Assert.DoesNotContain(subject, (await RegistryRest.GetJsonAsync(_client, "/registry/subjects")).EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(subject, (await RegistryRest.GetJsonAsync(_client, "/registry/subjects?deleted=true")).EnumerateArray().Select(s => s.GetString()));

        Assert.Equal("[1,2]", await (await RegistryRest.SendAsync(_client, HttpMethod.Delete, $"{path}?permanent=true", apiKey: RegistryRest.AdminKey)).Content.ReadAsStringAsync());
        await Rest.AssertErrorAsync(await _client.GetAsync($"{path}/versions?deleted=true"), 404, 40401);
        await Rest.AssertErrorAsync(await _client.GetAsync($"/registry/schemas/ids/{id}"), 404, 40403);
    }

    [Fact]
    public async Task References_JsonSchemaImportsAnother_ReferencedVersionCannotBeDeleted()
    {
        var (address, customer) = (RegistryRest.Subject("address"), RegistryRest.Subject());
        var addressSchema = "{\"$id\":\"address.json\",\"type\":\"object\",\"properties\":{\"street\":{\"type\":\"string\"}}}";
        await RegistryRest.RegisterAsync(_client, address, RegistryRest.Body(addressSchema, "JSON"));
        var references = $"[{{\"name\":\"address.json\",\"subject\":\"{address}\",\"version\":1}}]";
        var customerSchema = "{\"type\":\"object\",\"properties\":{\"home\":{\"$ref\":\"address.json\"}}}";

        var id = await RegistryRest.RegisterAsync(_client, customer, RegistryRest.Body(customerSchema, "JSON", references));

        var byId = await RegistryRest.GetJsonAsync(_client, $"/registry/schemas/ids/{id}");
        Assert.Equal("JSON", byId.GetProperty("schemaType").GetString());
        Assert.Equal(address, byId.GetProperty("references")[0].GetProperty("subject").GetString());
        Assert.Equal($"[{id}]", (await RegistryRest.GetJsonAsync(_client, $"/registry/subjects/{address}/versions/1/referencedby")).GetRawText());
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(_client, HttpMethod.Delete, $"/registry/subjects/{address}/versions/1", apiKey: RegistryRest.AdminKey), 422, 42206);
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(_client, HttpMethod.Delete, $"/registry/subjects/{address}", apiKey: RegistryRest.AdminKey), 422, 42206);
    }

    [Fact]
    public async Task Protobuf_RegistersAndAnswersItsType()
    {
        var subject = RegistryRest.Subject();
        var proto = "syntax = \"proto3\";\npackage shop;\n\nmessage Order {\n  string id = 1;\n  int64 amount = 2;\n}\n";

        var id = await RegistryRest.RegisterAsync(_client, subject, RegistryRest.Body(proto, "PROTOBUF"));

        var latest = await RegistryRest.GetJsonAsync(_client, $"/registry/subjects/{subject}/versions/latest");
        Assert.Equal("PROTOBUF", latest.GetProperty("schemaType").GetString());
        Assert.Equal(id, latest.GetProperty("id").GetInt32());
        Assert.Contains("message Order", latest.GetProperty("schema").GetString(), StringComparison.Ordinal);
        Assert.Equal("[\"JSON\",\"PROTOBUF\",\"AVRO\"]", (await RegistryRest.GetJsonAsync(_client, "/registry/schemas/types")).GetRawText());
        Assert.Equal($"[{{\"subject\":\"{subject}\",\"version\":1}}]", (await RegistryRest.GetJsonAsync(_client, $"/registry/schemas/ids/{id}/versions")).GetRawText());
    }

    [Fact]
    public async Task MediaTypes_UnsupportedBodyIs415_UnacceptableAnswerIs406_JsonAllowed()
    {
        var path = $"/registry/subjects/{RegistryRest.Subject()}/versions";
        var text = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(RegistryRest.Body(User), Encoding.UTF8, "text/plain") };
        var html = new HttpRequestMessage(HttpMethod.Get, "/registry/subjects");
        html.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var json = new HttpRequestMessage(HttpMethod.Get, "/registry/subjects");
        json.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        await Rest.AssertErrorAsync(await _client.SendAsync(text), 415, 415);
        await Rest.AssertErrorAsync(await _client.SendAsync(html), 406, 406);
        Assert.Equal("application/json", (await _client.SendAsync(json)).Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"mode\":\"READWRITE\"}", await (await _client.GetAsync("/registry/mode")).Content.ReadAsStringAsync());
        await Rest.AssertErrorAsync(await RegistryRest.SendAsync(_client, HttpMethod.Put, "/registry/mode", "{\"mode\":\"IMPORT\"}", RegistryRest.AdminKey), 422, 42205);
    }

    [Fact]
    public async Task Metrics_CountRegistrationsLookupsAndRefusals()
    {
        var subject = RegistryRest.Subject();
        await RegistryRest.RegisterAsync(_client, subject, RegistryRest.Body(User));
        await _client.GetAsync($"/registry/subjects/{subject}/versions/latest");
        await _client.GetAsync($"/registry/subjects/{RegistryRest.Subject()}/versions/latest");

        var metrics = await (await _client.GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Contains("gateway_registry_registrations_total{outcome=\"created\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_registry_lookups_total{kind=\"latest\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_registry_refusals_total{error_code=\"40401\"}", metrics, StringComparison.Ordinal);
    }
}
