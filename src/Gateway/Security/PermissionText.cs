namespace Gateway.Security;

internal static class PermissionText
{
    /// <summary>What the permission allows, in words, for refusals and logs.</summary>
    public static string Describe(Permission permission, string resource) => permission switch
    {
        Permission.Produce => $"produce to topic {resource}",
        Permission.Read => $"read topic {resource}",
        Permission.Admin => "read the cluster's administrative view",
        Permission.RegistryRead => $"read subject {resource}",
        Permission.RegistryWrite => $"register schemas under subject {resource}",
        Permission.RegistryConfigure => resource.Length == 0 ? "change the registry's global configuration" : $"change the configuration of subject {resource}",
        Permission.RegistryDelete => $"delete subject {resource}",
        _ => permission.ToString(),
    };
}
