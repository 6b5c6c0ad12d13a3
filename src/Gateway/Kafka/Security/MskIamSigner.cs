using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Kafka.Security;

/// <summary>An MSK IAM token: base64url of a presigned URL, and when it stops being valid.</summary>
internal sealed record MskIamToken(string Value, long ExpiresAtMs)
{
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAtMs);

    public override string ToString() => $"MSK IAM token expiring {ExpiresAt:O}";
}

/// <summary>
/// Builds the token MSK's IAM listener accepts over SASL OAUTHBEARER: a SigV4 query-presigned
/// <c>GET https://kafka.&lt;region&gt;.amazonaws.com/?Action=kafka-cluster:Connect</c>, base64url without padding.
/// </summary>
internal static class MskIamSigner
{
    public const string Service = "kafka-cluster";
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static MskIamToken Sign(AwsCredentials credentials, string region, DateTimeOffset now, int ttlSeconds, string userAgent)
    {
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var amzDate = signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var scope = $"{day}/{region}/{Service}/aws4_request";
        var host = $"kafka.{region}.amazonaws.com";

        var query = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Action"] = "kafka-cluster:Connect",
            ["X-Amz-Algorithm"] = Algorithm,
            ["X-Amz-Credential"] = $"{credentials.AccessKeyId}/{scope}",
            ["X-Amz-Date"] = amzDate,
            ["X-Amz-Expires"] = ttlSeconds.ToString(CultureInfo.InvariantCulture),
            ["X-Amz-SignedHeaders"] = "host",
        };
        if (credentials.SessionToken is { Length: > 0 } token)
        {
            query["X-Amz-Security-Token"] = token;
        }

        var canonicalQuery = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var canonicalRequest = $"GET\n/\n{canonicalQuery}\nhost:{host}\n\nhost\n{EmptyPayloadHash}";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), day);
        key = Hmac(key, region);
        key = Hmac(key, Service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));

        // The User-Agent parameter is added after signing, as every MSK signer does.
        var url = $"https://{host}/?{canonicalQuery}&X-Amz-Signature={signature}&User-Agent={Uri.EscapeDataString(userAgent)}";
        var value = Convert.ToBase64String(Encoding.UTF8.GetBytes(url)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new MskIamToken(value, (signedAt.ToUnixTimeSeconds() + ttlSeconds) * 1000);
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
