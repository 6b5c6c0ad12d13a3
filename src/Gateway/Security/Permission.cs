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

internal static class PermissionConventions
{
    /// <summary>Requests to this endpoint need <paramref name="permission"/> on the route value named <paramref name="routeValue"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission, string? routeValue = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresPermission(permission, routeValue));
}
