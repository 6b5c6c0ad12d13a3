using Gateway.Http;

namespace Gateway.Admin.V3;

/// <summary>
/// The URLs (<c>metadata.self</c>, <c>related</c>) and Confluent resource names of v3 entities, built
/// from the public base URL of the request, as kafka-rest's <c>UrlFactory</c> and <c>CrnFactory</c> build them.
/// </summary>
internal sealed class AdminLinks(string baseUrl, string clusterId)
{
    public string ClusterId { get; } = clusterId;

    public string Url(params string[] segments) =>
        $"{baseUrl}/v3/clusters/{string.Join('/', segments.Select(Uri.EscapeDataString))}".TrimEnd('/');

    public static string ClustersUrl(string baseUrl) => $"{baseUrl}/v3/clusters";

    /// <summary><c>crn:///kafka=&lt;cluster&gt;/type=id/...</c>; kafka-rest's default CRN authority is empty.</summary>
    public string Crn(params string?[] pairs)
    {
        var parts = new List<string> { "crn://", $"kafka={ClusterId}" };
        for (var i = 0; i < pairs.Length; i += 2)
        {
            parts.Add(pairs[i + 1] is { } id ? $"{pairs[i]}={id}" : pairs[i]!);
        }

        return string.Join('/', parts);
    }

    public ResourceMetadata Metadata(string[] path, params string?[] crn) => new(Url([ClusterId, .. path]), Crn(crn));

    public CollectionMetadata Collection(params string[] path) => new(Url([ClusterId, .. path]));

    public Relationship Related(params string[] path) => new(Url([ClusterId, .. path]));
}
