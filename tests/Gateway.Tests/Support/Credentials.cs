using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Support;

/// <summary>API keys as the gateway stores them, signed JWTs, and requests that carry them.</summary>
internal static class Credentials
{
    public const string Issuer = "https://issuer.example";
    public const string Audience = "gateway";
    public static readonly string JwtKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("a-32-byte-or-longer-hmac-signing-key!!"));

    /// <summary>Settings that turn JWT bearer tokens on, signed with <see cref="JwtKey"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Jwt = new Dictionary<string, string?>
    {
        ["Security:Jwt:Issuer"] = Issuer,
        ["Security:Jwt:Audience"] = Audience,
        ["Security:Jwt:SigningKey"] = JwtKey,
    };

    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A valid token for five minutes with exactly these claims.</summary>
    public static string Token(IDictionary<string, object> claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(JwtKey)), SecurityAlgorithms.HmacSha256),
        });

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Rest.JsonV2);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Get, path, null, headers);

    public static Task<HttpResponseMessage> ProduceAsync(HttpClient client, string topic, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Post, $"/topics/{topic}", """{"records":[{"value":{"a":1}}]}""", headers);

    public static (string, string) ApiKey(string key) => ("X-API-Key", key);

    public static (string, string) Bearer(string token) => ("Authorization", $"Bearer {token}");
}
