using System.Reflection;

namespace Gateway.Kafka.Security;

/// <summary>Makes MSK IAM tokens from current credentials, never outliving them.</summary>
internal sealed class MskIamTokenProvider(IAwsCredentialSource credentials, KafkaSecurityOptions options, TimeProvider time)
{
    /// <summary>MSK's usual token lifetime.</summary>
    public const int MaxLifetimeSeconds = 900;

    /// <summary>A token shorter-lived than this is refused: the credentials must be refreshed first.</summary>
    public const int MinLifetimeSeconds = 60;

    public static readonly string UserAgent =
        $"gateway-msk-iam/{typeof(MskIamTokenProvider).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0"}";

    public async Task<MskIamToken> CreateAsync(CancellationToken cancellationToken)
    {
        var current = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var lifetime = MaxLifetimeSeconds;
        if (current.Expiration is { } expiry)
        {
            lifetime = (int)Math.Min(lifetime, Math.Floor((expiry - now).TotalSeconds));
        }

        if (lifetime < MinLifetimeSeconds)
        {
            throw new InvalidOperationException(
                $"AWS credentials {current.KeyIdHint} expire in {lifetime} s, too soon to sign an MSK IAM token.");
        }

        return MskIamSigner.Sign(current, options.EffectiveAwsRegion, now, lifetime, UserAgent);
    }
}
