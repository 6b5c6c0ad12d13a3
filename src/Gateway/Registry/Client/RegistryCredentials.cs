using System.Net.Http.Headers;
using System.Text;
using Confluent.SchemaRegistry;

namespace Gateway.Registry.Client;

/// <summary>
/// The <c>Authorization</c> header sent to an external registry: basic auth or a bearer token, from configuration
/// (the environment) or from a file. A file is read again when it changes, so a rotated secret is used without a restart.
/// </summary>
internal sealed class RegistryCredentials(RegistryOptions options) : IAuthenticationHeaderValueProvider
{
    private readonly Lock _lock = new();
    private (DateTime Written, AuthenticationHeaderValue? Header) _fromFile;

    /// <summary>True when some credential is configured.</summary>
    public bool Configured => options.BasicAuth.Length > 0 || options.BasicAuthFile.Length > 0 || options.BearerToken.Length > 0 || options.BearerTokenFile.Length > 0;

    public AuthenticationHeaderValue GetAuthenticationHeader() =>
        options.BasicAuth.Length > 0 ? Basic(options.BasicAuth)
        : options.BearerToken.Length > 0 ? new AuthenticationHeaderValue("Bearer", options.BearerToken.Trim())
        : FromFile(options.BasicAuthFile.Length > 0 ? options.BasicAuthFile : options.BearerTokenFile, options.BasicAuthFile.Length > 0);

    private AuthenticationHeaderValue FromFile(string path, bool basic)
    {
        var written = File.GetLastWriteTimeUtc(path);
        lock (_lock)
        {
            if (_fromFile.Header is null || _fromFile.Written != written)
            {
                var secret = File.ReadAllText(path).Trim();
                _fromFile = (written, basic ? Basic(secret) : new AuthenticationHeaderValue("Bearer", secret));
            }

            return _fromFile.Header!;
        }
    }

    private static AuthenticationHeaderValue Basic(string userInfo) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo.Trim())));
}
