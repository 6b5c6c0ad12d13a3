using Confluent.Kafka;
using Gateway.Http;
using Gateway.Kafka;
using Microsoft.Extensions.Options;

namespace Gateway.Admin.V3;

/// <summary>The cluster as one admin request sees it, and the links its answer is built with.</summary>
internal sealed record AdminView(ClusterView Cluster, AdminLinks Links)
{
    public string ClusterId => Cluster.ClusterId;

    public TopicMetadata? Topic(string name) =>
        Cluster.Metadata.Topics.FirstOrDefault(t => t.Topic == name && !t.Error.IsError && t.Partitions.Count > 0);

    /// <summary>Joins what the cluster would not say, for <see cref="AdminAnswer{T}.UnavailableHeader"/>.</summary>
    public static string? Unavailable(params string?[] parts) =>
        parts.Where(p => p is not null).ToArray() is { Length: > 0 } some ? string.Join("; ", some) : null;
}

/// <summary>
/// Runs one v3 admin read: the answer's media type, the cluster id in the path (the cluster's real id;
/// any other is 404, as in kafka-rest), and Kafka failures as 503.
/// </summary>
internal sealed class AdminScope(ClusterAdmin admin, IOptions<PublicUrlOptions> urls)
{
    public ClusterAdmin Admin => admin;

    public string BaseUrl(HttpRequest request) => PublicBaseUrl.Of(request, urls.Value);

    public async Task<IResult> RunAsync(HttpRequest request, string? clusterId, Func<AdminView, Task<IResult>> answer)
    {
        if (!ContentNegotiation.AcceptsKafkaAnswer(request.Headers.Accept))
        {
            return AdminErrors.Answer(new GatewayError(406, 406, $"HTTP 406 Not Acceptable: this endpoint answers application/json; Accept was '{request.Headers.Accept}'."));
        }

        try
        {
            var cluster = await admin.DescribeClusterAsync();
            if (clusterId is not null && clusterId != cluster.ClusterId)
            {
                return AdminErrors.Answer(AdminErrors.ClusterNotFound(clusterId));
            }

            return await answer(new AdminView(cluster, new AdminLinks(BaseUrl(request), cluster.ClusterId)));
        }
        catch (KafkaException e)
        {
            return AdminErrors.Answer(ErrorCatalog.ClusterUnavailable(e.Error.Reason));
        }
    }
}
