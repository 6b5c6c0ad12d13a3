using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Security;

/// <summary>
/// Works out who is calling: the shared secret first (when configured every request must carry it),
/// then a JWT bearer token, then an API key, then the anonymous principal when allowed. Secrets are
/// compared as SHA-256 digests in constant time and never kept or logged in clear. A changed
/// configuration (a revoked key) and a changed secret file take effect while the gateway runs.
/// </summary>
internal sealed partial class ClientAuthenticator : IDisposable
{
    private static readonly TimeSpan SecretFileCheck = TimeSpan.FromSeconds(1);
    private readonly JsonWebTokenHandler _tokens = new();
    private readonly TimeProvider _time;
    private readonly ILogger<ClientAuthenticator> _logger;
    private readonly IConfiguration _configuration;
    private readonly IValidator<ClientSecurityOptions> _validator;
    private readonly IDisposable _subscription;
    private volatile State _state;

    public ClientAuthenticator(
        IOptions<ClientSecurityOptions> options, IConfiguration configuration, IValidator<ClientSecurityOptions> validator,
        TimeProvider time, ILogger<ClientAuthenticator> logger)
    {
        _configuration = configuration;
        _validator = validator;
        _time = time;
        _logger = logger;
        _state = new State(options.Value, time.GetTimestamp());
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reconfigure);
    }

    public async Task<(Caller? Caller, string? Problem)> AuthenticateAsync(HttpRequest request)
    {
        var state = Current();
        var options = state.Options;
        if (state.SharedSecretDigests.Length > 0 && !Matches(state.SharedSecretDigests, request.Headers[options.SharedSecret.Header].ToString()))
        {
            return (null, $"the {options.SharedSecret.Header} header is missing or wrong: call through API Gateway");
        }

        var authorization = request.Headers.Authorization.ToString();
        if (state.Jwt is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var result = await _tokens.ValidateTokenAsync(authorization["Bearer ".Length..].Trim(), state.Jwt);
            if (!result.IsValid)
            {
                return (null, $"the bearer token is not valid ({result.Exception?.GetType().Name ?? "rejected"})");
            }

            return FromToken(options.Jwt, result.ClaimsIdentity) is { } caller
                ? (caller, null)
                : (null, $"the bearer token names no principal (none of the claims {string.Join(", ", JwtOptions.PrincipalClaims)})");
        }

        var apiKey = request.Headers[options.ApiKeyHeader].ToString();
        if (apiKey.Length > 0)
        {
            var digest = Digest(apiKey);
            (Caller Caller, bool Revoked)? found = null;
            foreach (var (known, caller, revoked) in state.ApiKeys)
            {
                // Compare against every key, so timing says nothing about which one matched.
                if (CryptographicOperations.FixedTimeEquals(known, digest))
                {
                    found = (caller, revoked);
                }
            }

            return found switch
            {
                null => (null, $"the {options.ApiKeyHeader} key is not known"),
                { Revoked: true } => (null, $"the {options.ApiKeyHeader} key has been revoked"),
                { Caller: var caller } => (caller, null),
            };
        }

        return state.Anonymous is not null
            ? (state.Anonymous, null)
            : (null, $"credentials are required: {options.ApiKeyHeader}{(state.Jwt is null ? "" : " or Authorization: Bearer")}");
    }

    public void Dispose() => _subscription.Dispose();

    /// <summary>The state in force, reading the secret file again when it changed since it was last looked at.</summary>
    private State Current()
    {
        var state = _state;
        var file = state.Options.SharedSecret.ValueFile;
        if (file.Length == 0 || state.Options.SharedSecret.Value.Length > 0 || _time.GetElapsedTime(state.FileCheckedAt) < SecretFileCheck)
        {
            return state;
        }

        var written = File.Exists(file) ? File.GetLastWriteTimeUtc(file) : DateTime.MinValue;
        var next = written == state.FileWrittenAt ? state with { FileCheckedAt = _time.GetTimestamp() } : state.WithSecretFile(_time.GetTimestamp(), written, _logger);
        _state = next;
        return next;
    }

    /// <summary>
    /// Applies a changed configuration when it is valid; otherwise keeps the one in force and says why, since
    /// a typo in a reloaded file must not stop a running gateway.
    /// </summary>
    private void Reconfigure()
    {
        try
        {
            var options = new ClientSecurityOptions();
            _configuration.GetSection(ClientSecurityOptions.Section).Bind(options);
            var result = _validator.Validate(options);
            if (!result.IsValid)
            {
                LogReconfigurationRefused(_logger, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
                return;
            }

            _state = new State(options, _time.GetTimestamp());
            LogReconfigured(_logger, options.ApiKeys.Count, options.ApiKeys.Count(k => k.Value.Revoked));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or IOException or CryptographicException or ArgumentException)
        {
            LogReconfigurationRefused(_logger, e.Message);
        }
    }

    private static bool Matches(byte[][] digests, string value)
    {
        var digest = Digest(value);
        var matched = false;
        foreach (var known in digests)
        {
            matched |= CryptographicOperations.FixedTimeEquals(known, digest);
        }

        return matched;
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

    /// <summary>The development principal: its topics, reading and registering its subjects, and the admin view.</summary>
    private static Caller Anonymous(ClientSecurityOptions options) => new("anonymous", new Dictionary<Permission, NamePatterns>
    {
        [Permission.Produce] = NamePatterns.FromRegexes(options.EffectiveAnonymousTopics),
        [Permission.Read] = NamePatterns.FromRegexes(options.EffectiveAnonymousReadTopics),
        [Permission.RegistryRead] = NamePatterns.FromRegexes(options.EffectiveAnonymousSubjects),
        [Permission.RegistryWrite] = NamePatterns.FromRegexes(options.EffectiveAnonymousSubjects),
    }, admin: true)
    {
        MayCreateTopics = options.AnonymousMayCreateTopics,
    };

    /// <summary>The token's principal and grants; null when no claim names a principal, which would make every such token share one.</summary>
    private static Caller? FromToken(JwtOptions jwt, ClaimsIdentity identity)
    {
        var subject = JwtOptions.PrincipalClaims.Select(c => identity.FindFirst(c)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (subject is null)
        {
            return null;
        }

        var grants = new Dictionary<Permission, NamePatterns>();
        var malformed = new Dictionary<Permission, string>();
        foreach (var (permission, claim) in new[]
        {
            (Permission.Produce, jwt.TopicsClaim), (Permission.Read, jwt.ReadTopicsClaim),
            (Permission.RegistryRead, jwt.RegistryClaimPrefix + "read"), (Permission.RegistryWrite, jwt.RegistryClaimPrefix + "register"),
            (Permission.RegistryConfigure, jwt.RegistryClaimPrefix + "configure"), (Permission.RegistryDelete, jwt.RegistryClaimPrefix + "delete"),
        })
        {
            grants[permission] = NamePatterns.FromGlobs(identity.FindAll(claim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)), out var bad);
            if (bad is not null)
            {
                malformed[permission] = $"the token's {claim} claim holds '{LogText.Escape(bad)}', which is not a topic name or glob (letters, digits, '.', '_', '-', ':' and the wildcards '*' and '?')";
            }
        }

        var admin = string.Equals(identity.FindFirst(jwt.AdminClaim)?.Value, "true", StringComparison.OrdinalIgnoreCase);
        return new Caller($"jwt:{subject}", grants, admin) { MalformedGrants = malformed };
    }

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

    [LoggerMessage(LogLevel.Information, "Client security reconfigured: {ApiKeys} API keys, {Revoked} of them revoked")]
    private static partial void LogReconfigured(ILogger logger, int apiKeys, int revoked);

    [LoggerMessage(LogLevel.Error, "The changed Security configuration was not applied, the previous one stays in force: {Problem}")]
    private static partial void LogReconfigurationRefused(ILogger logger, string problem);

    [LoggerMessage(LogLevel.Information, "The shared secret file changed; {Values} values are accepted now")]
    private static partial void LogSecretFileChanged(ILogger logger, int values);

    [LoggerMessage(LogLevel.Error, "The shared secret file changed but holds no value of 16 characters or more; the previous values stay in force")]
    private static partial void LogSecretFileRefused(ILogger logger);

    /// <summary>Everything derived from one version of the options, swapped whole when they change.</summary>
    private sealed record State
    {
        public State(ClientSecurityOptions options, long now)
        {
            Options = options;
            SharedSecretDigests = options.SharedSecret.EffectiveValues.Select(Digest).ToArray();
            ApiKeys = options.ApiKeys
                .SelectMany(k => k.Value.Hashes.Select(h => (Convert.FromHexString(h), FromApiKey(k.Key, k.Value), k.Value.Revoked)))
                .ToArray();
            Anonymous = options.AllowAnonymous ? ClientAuthenticator.Anonymous(options) : null;
            Jwt = options.Jwt.Enabled ? JwtParameters(options.Jwt) : null;
            FileCheckedAt = now;
            FileWrittenAt = options.SharedSecret.ValueFile.Length > 0 && File.Exists(options.SharedSecret.ValueFile)
                ? File.GetLastWriteTimeUtc(options.SharedSecret.ValueFile)
                : DateTime.MinValue;
        }

        public ClientSecurityOptions Options { get; }

        public byte[][] SharedSecretDigests { get; init; }

        public (byte[] Digest, Caller Caller, bool Revoked)[] ApiKeys { get; }

        public Caller? Anonymous { get; }

        public TokenValidationParameters? Jwt { get; }

        public long FileCheckedAt { get; init; }

        public DateTime FileWrittenAt { get; init; }

        public State WithSecretFile(long now, DateTime written, ILogger logger)
        {
            var values = SharedSecretOptions.FileValues(Options.SharedSecret.ValueFile);
            if (values.Length == 0 || values.Any(v => v.Length < 16))
            {
                LogSecretFileRefused(logger);
                return this with { FileCheckedAt = now, FileWrittenAt = written };
            }

            LogSecretFileChanged(logger, values.Length);
            return this with { SharedSecretDigests = values.Select(Digest).ToArray(), FileCheckedAt = now, FileWrittenAt = written };
        }
    }
}
