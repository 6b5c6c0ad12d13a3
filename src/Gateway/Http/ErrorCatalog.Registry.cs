namespace Gateway.Http;

/// <summary>
/// The schema registry's failures, with the codes and messages of Confluent's registry (<c>Errors.java</c> and its
/// <c>Rest*Exception</c> classes), so clients that match on them keep working.
/// </summary>
internal static partial class ErrorCatalog
{
    public const int RegistrySubjectNotFound = 40401;
    public const int RegistryVersionNotFound = 40402;
    public const int RegistrySchemaNotFound = 40403;
    public const int RegistryIncompatible = 409;

    public static GatewayError SubjectNotFound(string subject) =>
        new(404, RegistrySubjectNotFound, $"Subject '{subject}' not found.");

    public static GatewayError VersionNotFound(int version) =>
        new(404, RegistryVersionNotFound, $"Version {version} not found.");

    public static GatewayError SchemaNotFound() => new(404, RegistrySchemaNotFound, "Schema not found");

    public static GatewayError SchemaIdNotFound(int id) => new(404, RegistrySchemaNotFound, $"Schema {id} not found");

    public static GatewayError SubjectSoftDeleted(string subject) =>
        new(404, 40404, $"Subject '{subject}' was soft deleted.Set permanent=true to delete permanently");

    public static GatewayError SubjectNotSoftDeleted(string subject) =>
        new(404, 40405, $"Subject '{subject}' was not deleted first before being permanently deleted");

    public static GatewayError VersionSoftDeleted(string subject, int version) =>
        new(404, 40406, $"Subject '{subject}' Version {version} was soft deleted.Set permanent=true to delete permanently");

    public static GatewayError VersionNotSoftDeleted(string subject, int version) =>
        new(404, 40407, $"Subject '{subject}' Version {version} was not deleted first before being permanently deleted");

    public static GatewayError SubjectCompatibilityNotConfigured(string subject) =>
        new(404, 40408, $"Subject '{subject}' does not have subject-level compatibility configured");

    public static GatewayError IncompatibleSchema(string subject, IReadOnlyList<string> messages) =>
        new(409, RegistryIncompatible, $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\", details: [{string.Join(", ", messages)}]");

    public static GatewayError InvalidSchema(string detail) => new(422, 42201, detail);

    public static GatewayError InvalidVersion(string version) =>
        new(422, 42202, $"The specified version '{version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");

    public static GatewayError InvalidCompatibilityLevel() =>
        new(422, 42203, "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");

    public static GatewayError InvalidMode() =>
        new(422, 42204, "Invalid mode. Valid values are READWRITE, READONLY, IMPORT and FORWARD.");

    public static GatewayError RegistryOperationNotPermitted(string detail) => new(422, 42205, detail);

    public static GatewayError ReferenceExists(string subject, int version) =>
        new(422, 42206, $"One or more references exist to the schema {{magic=1,keytype=SCHEMA,subject={subject},version={version}}}.");

    public static GatewayError InvalidSubject(string subject) =>
        new(422, 42208, $"The specified subject '{subject}' is not a valid.");

    public static GatewayError SchemaTooLarge(int limit) =>
        new(422, 42209, $"Register operation failed because schema is too large (more than {limit} bytes)");

    public static GatewayError RegistryBadRequest(string detail) => new(400, 400, detail);

    public static GatewayError RegistryUnrecognizedField(string name) => new(422, 422, $"Unrecognized field: {name}");

    public static GatewayError RegistryStoreFailed(string detail) => new(500, 50001, detail);

    public static GatewayError RegistryTimeout(string detail) => new(500, 50002, detail);

    public static GatewayError RegistryUnreachable(string detail) => new(500, 50003, detail);

    public static GatewayError RegistryNotAcceptable(string? accept) =>
        new(406, 406, $"HTTP 406 Not Acceptable: the registry answers application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json or application/json; Accept was '{accept}'.");

    public static GatewayError RegistryUnsupportedMediaType(string? contentType) =>
        new(415, 415, $"HTTP 415 Unsupported Media Type: '{contentType}'. Use application/vnd.schemaregistry.v1+json or application/json.");
}
