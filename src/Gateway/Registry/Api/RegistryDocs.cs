using Gateway.Http;
using Gateway.Registry.Formats;
using Gateway.Registry.Storage;
using Gateway.Security;

namespace Gateway.Registry.Api;

/// <summary>Turns stored schemas into the registry's answer documents, and reads what every handler needs from the request.</summary>
internal static class RegistryDocs
{
    public static RegistrySchemaDocument Version(SubjectVersion version) =>
        new(version.Subject, version.Version, version.Schema.Id, TypeName(version.Schema.Type), References(version.Schema.References), version.Schema.Text);

    public static RegistrySchemaByIdDocument ById(StoredSchema schema, int? maxId) =>
        new(TypeName(schema.Type), schema.Text, References(schema.References), maxId);

    /// <summary>The type's wire name, or null for AVRO, which Confluent's answers leave out.</summary>
    public static string? TypeName(SchemaType type) => type == SchemaType.Avro ? null : type.ToWireName();

    public static IReadOnlyList<RegistryReferenceDocument>? References(IReadOnlyList<SchemaReference> references) =>
        references.Count == 0 ? null : references.Select(r => new RegistryReferenceDocument(r.Name, r.Subject, r.Version)).ToArray();

    /// <summary>The authenticated caller; the security middleware has put it there before any registry handler runs.</summary>
    public static Caller CallerOf(HttpContext context) =>
        context.Items[ClientSecurityMiddleware.CallerItem] as Caller ?? throw new InvalidOperationException("The request reached the registry without an authenticated caller.");

    /// <summary>Reads a body up to the schema size limit (and the escaping a JSON string may add); larger is 42209.</summary>
    public static async Task<(RequestBody? Body, GatewayError? Error)> ReadBodyAsync(HttpRequest request, int maxSchemaBytes)
    {
        var limit = (int)Math.Min(int.MaxValue - 1L, (maxSchemaBytes * 2L) + 65_536);
        var (body, error) = await RequestBody.ReadAsync(request, limit);
        return error is null ? (body, null) : (null, ErrorCatalog.SchemaTooLarge(maxSchemaBytes));
    }
}
