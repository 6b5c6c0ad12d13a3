using System.Text.Json.Serialization.Metadata;
using Gateway.Http;

namespace Gateway.Admin.V3;

/// <summary>A v3 admin answer in <c>application/json</c>; what the cluster would not say goes in <see cref="UnavailableHeader"/>.</summary>
internal sealed class AdminAnswer<T>(T value, JsonTypeInfo<T> typeInfo, string? unavailable) : IResult
{
    /// <summary>
    /// Names the parts of the answer the cluster could not give (the embedded cluster serves no admin
    /// requests) and why; absent when the answer is complete.
    /// </summary>
    public const string UnavailableHeader = "X-Gateway-Unavailable";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (unavailable is not null)
        {
            httpContext.Response.Headers[UnavailableHeader] = unavailable;
        }

        return new KafkaJsonResult<T>(value, typeInfo, StatusCodes.Status200OK, MediaTypes.Json).ExecuteAsync(httpContext);
    }
}

/// <summary>The v3 admin errors, kafka-rest's words (<c>checkEntityExists</c> messages and <c>Errors.java</c>).</summary>
internal static class AdminErrors
{
    public static GatewayError ClusterNotFound(string clusterId) => new(404, 404, $"Cluster {clusterId} cannot be found.");

    public static GatewayError BrokerNotFound(int brokerId) => new(404, 404, $"Broker {brokerId} cannot be found.");

    public static GatewayError TopicNotFound() => new(404, 40403, "This server does not host this topic-partition.");

    public static GatewayError PartitionNotFound() => new(404, 40402, "Partition not found.");

    public static GatewayError ReplicaNotFound(int brokerId) => new(404, 404, $"Replica {brokerId} cannot be found.");

    public static GatewayError ConfigNotFound(string name, string type, string owner, string clusterId) =>
        new(404, 404, $"Config {name} cannot be found for {type} {owner} in cluster {clusterId}.");

    public static GatewayError GroupNotFound(string groupId) => new(404, 404, $"Consumer Group {groupId} could not be found.");

    public static GatewayError ConsumerNotFound(string consumerId) => new(404, 404, $"Consumer {consumerId} could not be found.");

    public static GatewayError AssignmentNotFound() => new(404, 404, "Consumer assignment could not be found.");

    public static GatewayError OffsetsNotFound() => new(404, 404, "Consumer group offsets could not be found.");

    public static GatewayError LagNotFound() => new(404, 404, "Consumer lag could not be found.");

    /// <summary>An error in the kafka-rest envelope, in v3's <c>application/json</c>.</summary>
    public static IResult Answer(GatewayError error) => new ErrorResult(error, MediaTypes.Json);

    public static GatewayError BadOffsetType(string offsetType) => new(400, 400, $"offset_type:{offsetType} is invalid");
}

