using System.Text;
using System.Text.Json;
using System.Web;
using Gateway.Kafka.Security;
using Gateway.Tests.Support;

namespace Gateway.Tests.Kafka.Security;

/// <summary>The MSK IAM token reproduces the reference vectors, which three independent signers agree on.</summary>
public sealed class MskIamSignerTests
{
    public static TheoryData<int> Vectors => new() { 0, 1, 2 };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Sign_ReferenceVector_SameParametersSignatureAndExpiry(int index)
    {
        var vector = LoadVectors()[index];
        var inputs = vector.GetProperty("inputs");
        var credentials = new AwsCredentials(
            inputs.GetProperty("access_key_id").GetString()!,
            inputs.GetProperty("secret_access_key").GetString()!,
            inputs.GetProperty("session_token").GetString(),
            null);

        var token = MskIamSigner.Sign(credentials, inputs.GetProperty("region").GetString()!,
            DateTimeOffset.Parse(inputs.GetProperty("signing_time_utc").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            inputs.GetProperty("x_amz_expires").GetInt32(), "gateway-msk-iam/test");

        var actual = new Uri(DecodeToken(token.Value));
        var expected = new Uri(vector.GetProperty("presigned_url_sorted_no_user_agent").GetString()!);
        Assert.Equal("https", actual.Scheme);
        Assert.Equal(expected.Host, actual.Host);
        Assert.Equal("/", actual.AbsolutePath);
        var actualQuery = HttpUtility.ParseQueryString(actual.Query);
        var expectedQuery = HttpUtility.ParseQueryString(expected.Query);
        Assert.Equal("gateway-msk-iam/test", actualQuery["User-Agent"]);
        actualQuery.Remove("User-Agent");
        Assert.Equal(expectedQuery.AllKeys.Order(), actualQuery.AllKeys.Order());
        foreach (var key in expectedQuery.AllKeys)
        {
            Assert.Equal(expectedQuery[key], actualQuery[key]);
        }

        Assert.Equal(vector.GetProperty("signature").GetString(), actualQuery["X-Amz-Signature"]);
        Assert.Equal(vector.GetProperty("expiry_ms").GetInt64(), token.ExpiresAtMs);
    }

    [Fact]
    public void Sign_TokenIsBase64UrlWithoutPadding()
    {
        var token = MskIamSigner.Sign(new AwsCredentials("AKIDEXAMPLE", "secret", "a/b+c==", null), "us-east-1",
            DateTimeOffset.UnixEpoch.AddYears(55), 900, "gateway-msk-iam/test");

        Assert.DoesNotContain('=', token.Value);
        Assert.DoesNotContain('+', token.Value);
        Assert.DoesNotContain('/', token.Value);
        Assert.StartsWith("https://kafka.us-east-1.amazonaws.com/?Action=kafka-cluster%3AConnect&", DecodeToken(token.Value), StringComparison.Ordinal);
    }

    internal static string DecodeToken(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
    }

    private static JsonElement[] LoadVectors()
    {
        var path = Path.Combine(PinterestRows.RepositoryRoot(), "..", "shared", "reference", "msk-iam-vectors.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().ToArray();
    }
}
