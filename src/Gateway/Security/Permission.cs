namespace Gateway.Security;

/// <summary>What a caller may do. Each is granted on names (topics or subjects) or, for <see cref="Admin"/>, on the cluster.</summary>
internal enum Permission
{
    /// <summary>Produce records to a topic.</summary>
    Produce,

    /// <summary>Read records of a topic (consumers).</summary>
    Read,

    /// <summary>Read the cluster's administrative view: brokers, configs, consumer groups, lag.</summary>
    Admin,

    /// <summary>Read a registry subject's schemas, versions and config.</summary>
    RegistryRead,

    /// <summary>Register a schema under a subject.</summary>
    RegistryWrite,

    /// <summary>Change a subject's compatibility level or mode (or the global one, on the name <c>""</c>).</summary>
    RegistryConfigure,

    /// <summary>Delete a subject or a version, soft or permanently.</summary>
    RegistryDelete,
}

/// <summary>
/// Endpoint metadata: the permission a request needs, on the name found in the route value
/// <see cref="RouteValue"/> (null for permissions on the cluster). Endpoints without it need an
/// authenticated caller only.
/// </summary>
internal sealed record RequiresPermission(Permission Permission, string? RouteValue);

/// <summary>
/// Endpoint metadata for metadata about a topic: the caller must be able to produce to or read the topic
/// named by route value <see cref="RouteValue"/>; any other caller gets <see cref="Unknown"/>, the answer a
/// topic that does not exist gets, so metadata never tells which topics exist.
/// </summary>
internal sealed record RequiresTopicVisibility(string RouteValue, Func<string, Http.GatewayError> Unknown);

internal static class PermissionConventions
{
    /// <summary>Requests to this endpoint need <paramref name="permission"/> on the route value named <paramref name="routeValue"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission, string? routeValue = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresPermission(permission, routeValue));

    /// <summary>
    /// Requests to this endpoint are answered only for topics (route value <paramref name="routeValue"/>) the caller
    /// may produce to or read; for others the endpoint's answer to an unknown topic, <paramref name="unknown"/>.
    /// </summary>
    public static TBuilder RequireTopicVisibility<TBuilder>(this TBuilder builder, string routeValue, Func<string, Http.GatewayError> unknown)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresTopicVisibility(routeValue, unknown));

    /// <summary>The authenticated caller of this request; every endpoint behind the security middleware has one.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Items[ClientSecurityMiddleware.CallerItem] as Caller
        ?? throw new InvalidOperationException("No caller: this endpoint is not behind the client security middleware.");
}
