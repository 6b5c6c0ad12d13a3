using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Security;

/// <summary>
/// Works out who is calling: the shared secret first (when configured every request must carry it),
/// then a JWT bearer token, then an API key, then the anonymous principal when allowed. Secrets are
/// compared as SHA-256 digests in constant time and never kept or logged in clear.
/// </summary>
internal sealed class ClientAuthenticator
{
    private readonly ClientSecurityOptions _options;
    private readonly byte[]? _sharedSecretDigest;
    private readonly (byte[] Digest, Caller Caller)[] _apiKeys;
    private readonly Caller? _anonymous;
    private readonly TokenValidationParameters? _jwt;
    private readonly JsonWebTokenHandler _tokens = new();

    public ClientAuthenticator(IOptions<ClientSecurityOptions> options)
    {
        _options = options.Value;
        var secret = _options.SharedSecret.EffectiveValue;
        _sharedSecretDigest = secret.Length > 0 ? Digest(secret) : null;
        _apiKeys = _options.ApiKeys
            .Select(k => (Convert.FromHexString(k.Value.Sha256), FromApiKey(k.Key, k.Value)))
            .ToArray();
        _anonymous = _options.AllowAnonymous ? Anonymous(_options) : null;
        _jwt = _options.Jwt.Enabled ? JwtParameters(_options.Jwt) : null;
    }

    public async Task<(Caller? Caller, string? Problem)> AuthenticateAsync(HttpRequest request)
    {
        if (_sharedSecretDigest is not null
            && !CryptographicOperations.FixedTimeEquals(Digest(request.Headers[_options.SharedSecret.Header].ToString()), _sharedSecretDigest))
        {
            return (null, $"the {_options.SharedSecret.Header} header is missing or wrong: call through API Gateway");
        }

        var authorization = request.Headers.Authorization.ToString();
        if (_jwt is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var result = await _tokens.ValidateTokenAsync(authorization["Bearer ".Length..].Trim(), _jwt);
            return result.IsValid
                ? (FromToken(result.ClaimsIdentity), null)
                : (null, $"the bearer token is not valid ({result.Exception?.GetType().Name ?? "rejected"})");
        }

        var apiKey = request.Headers[_options.ApiKeyHeader].ToString();
        if (apiKey.Length > 0)
        {
            var digest = Digest(apiKey);
            Caller? found = null;
            foreach (var (known, caller) in _apiKeys)
            {
                // Compare against every key, so timing says nothing about which one matched.
                if (CryptographicOperations.FixedTimeEquals(known, digest))
                {
                    found = caller;
                }
            }

            return found is null ? (null, $"the {_options.ApiKeyHeader} key is not known") : (found, null);
        }

        return _anonymous is not null
            ? (_anonymous, null)
            : (null, $"credentials are required: {_options.ApiKeyHeader}{(_jwt is null ? "" : " or Authorization: Bearer")}");
    }

    private static Caller FromApiKey(string name, ApiKeyOptions key) => new($"apikey:{name}", new Dictionary<Permission, NamePatterns>
    {
        [Permission.Produce] = NamePatterns.FromRegexes(key.Topics),
        [Permission.Read] = NamePatterns.FromRegexes(key.ReadTopics),
        [Permission.RegistryRead] = NamePatterns.FromRegexes(key.Subjects.Read),
        [Permission.RegistryWrite] = NamePatterns.FromRegexes(key.Subjects.Register),
        [Permission.RegistryConfigure] = NamePatterns.FromRegexes(key.Subjects.Configure),
        [Permission.RegistryDelete] = NamePatterns.FromRegexes(key.Subjects.Delete),
    }, key.Admin);

    /// <summary>The development principal: its topics, reading and registering any subject, and the admin view.</summary>
    private static Caller Anonymous(ClientSecurityOptions options) => new("anonymous", new Dictionary<Permission, NamePatterns>
    {
        [Permission.Produce] = NamePatterns.FromRegexes(options.EffectiveAnonymousTopics),
        [Permission.Read] = NamePatterns.FromRegexes(options.EffectiveAnonymousReadTopics),
        [Permission.RegistryRead] = NamePatterns.FromRegexes(options.EffectiveAnonymousSubjects),
        [Permission.RegistryWrite] = NamePatterns.FromRegexes(options.EffectiveAnonymousSubjects),
    }, admin: true);

    private Caller FromToken(ClaimsIdentity identity)
    {
        var jwt = _options.Jwt;
        var subject = identity.FindFirst("sub")?.Value ?? identity.Name ?? "token";
        var grants = new Dictionary<Permission, NamePatterns>
        {
            [Permission.Produce] = Globs(identity, jwt.TopicsClaim),
            [Permission.Read] = Globs(identity, jwt.ReadTopicsClaim),
            [Permission.RegistryRead] = Globs(identity, jwt.RegistryClaimPrefix + "read"),
            [Permission.RegistryWrite] = Globs(identity, jwt.RegistryClaimPrefix + "register"),
            [Permission.RegistryConfigure] = Globs(identity, jwt.RegistryClaimPrefix + "configure"),
            [Permission.RegistryDelete] = Globs(identity, jwt.RegistryClaimPrefix + "delete"),
        };
        var admin = string.Equals(identity.FindFirst(jwt.AdminClaim)?.Value, "true", StringComparison.OrdinalIgnoreCase);
        return new Caller($"jwt:{subject}", grants, admin);
    }

    /// <summary>A token's grants of one kind; a malformed one grants nothing of that kind.</summary>
    private static NamePatterns Globs(ClaimsIdentity identity, string claim) =>
        NamePatterns.FromGlobs(identity.FindAll(claim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))) ?? NamePatterns.None;

    private static TokenValidationParameters JwtParameters(JwtOptions jwt)
    {
        var material = jwt.SigningKey.Length > 0 ? jwt.SigningKey : File.ReadAllText(jwt.SigningKeyFile).Trim();
        SecurityKey key;
        if (material.Contains("BEGIN PUBLIC KEY", StringComparison.Ordinal))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(material);
            key = new RsaSecurityKey(rsa);
        }
        else
        {
            key = new SymmetricSecurityKey(Convert.FromBase64String(material));
        }

        return new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = key,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
