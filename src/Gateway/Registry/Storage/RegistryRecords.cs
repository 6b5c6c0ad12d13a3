using System.Text;
using System.Text.Json;
using Gateway.Registry.Formats;

namespace Gateway.Registry.Storage;

/// <summary>What one record of the registry topic says, decoded from its key and value.</summary>
internal abstract record RegistryRecord;

/// <summary>A subject version (<c>SCHEMA</c> key); <see cref="Value"/> is null for a tombstone (permanent delete).</summary>
internal sealed record SchemaRecord(string Subject, int Version, SchemaValue? Value) : RegistryRecord;

/// <summary>A schema version as stored: the same text and references under the same id everywhere.</summary>
internal sealed record SchemaValue(int Id, SchemaType Type, string Schema, IReadOnlyList<SchemaReference> References, bool Deleted);

/// <summary>A compatibility level (<c>CONFIG</c> key) for a subject, or the global one when the subject is null; null level removes it.</summary>
internal sealed record ConfigRecord(string? Subject, CompatibilityLevel? Level) : RegistryRecord;

/// <summary>A soft delete of a subject (<c>DELETE_SUBJECT</c> key): every version up to <see cref="UpToVersion"/> is deleted.</summary>
internal sealed record DeleteSubjectRecord(string Subject, int UpToVersion) : RegistryRecord;

/// <summary>A record the registry does not act on: <c>NOOP</c>, <c>MODE</c>, contexts, or one it cannot read.</summary>
internal sealed record IgnoredRecord(string Why) : RegistryRecord;

/// <summary>
/// The keys and values of the registry topic byte for byte as Confluent's registry writes them (Jackson, compact,
/// properties in Confluent's order, empty ones left out) so Confluent's registry or Karapace can take the topic over,
/// and the gateway can read what they wrote. Avro values leave <c>schemaType</c> out, as Confluent's registry did up
/// to 7.9 and Karapace does; both read its absence as AVRO.
/// </summary>
internal static class RegistryRecords
{
    public static byte[] SchemaKey(string subject, int version) =>
        Json(b => b.Append("{\"keytype\":\"SCHEMA\",\"subject\":").String(subject).Append(",\"version\":").Int(version).Append(",\"magic\":1}"));

    public static byte[] ConfigKey(string? subject) => subject is null
        ? Encoding.UTF8.GetBytes("{\"keytype\":\"CONFIG\",\"magic\":0}")
        : Json(b => b.Append("{\"keytype\":\"CONFIG\",\"subject\":").String(subject).Append(",\"magic\":0}"));

    public static byte[] DeleteSubjectKey(string subject) =>
        Json(b => b.Append("{\"keytype\":\"DELETE_SUBJECT\",\"subject\":").String(subject).Append(",\"magic\":0}"));

    public static byte[] Value(string subject, int version, SchemaValue value) => Json(b =>
    {
        b.Append("{\"subject\":").String(subject).Append(",\"version\":").Int(version).Append(",\"id\":").Int(value.Id);
        if (value.Type != SchemaType.Avro)
        {
            b.Append(",\"schemaType\":").String(value.Type.ToWireName());
        }

        if (value.References.Count > 0)
        {
            b.Append(",\"references\":[");
            for (var i = 0; i < value.References.Count; i++)
            {
                var reference = value.References[i];
                b.Append(i == 0 ? "{\"name\":" : ",{\"name\":").String(reference.Name)
                    .Append(",\"subject\":").String(reference.Subject).Append(",\"version\":").Int(reference.Version).Append('}');
            }

            b.Append(']');
        }

        b.Append(",\"schema\":").String(value.Schema).Append(",\"deleted\":").Append(value.Deleted ? "true" : "false").Append('}');
    });

    public static byte[] ConfigValue(string? subject, CompatibilityLevel level) => Json(b =>
    {
        b.Append('{');
        if (subject is not null)
        {
            b.Append("\"subject\":").String(subject).Append(',');
        }

        b.Append("\"compatibilityLevel\":").String(level.ToWireName()).Append('}');
    });

    public static byte[] DeleteSubjectValue(string subject, int upToVersion) =>
        Json(b => b.Append("{\"subject\":").String(subject).Append(",\"version\":").Int(upToVersion).Append('}'));

    /// <summary>Decodes a record of the topic; anything it cannot read is an <see cref="IgnoredRecord"/>, as Confluent's reader skips it.</summary>
    public static RegistryRecord Read(byte[]? key, byte[]? value)
    {
        if (key is null || key.Length == 0)
        {
            return new IgnoredRecord("no key");
        }

        try
        {
            using var keyJson = JsonDocument.Parse(key);
            var root = keyJson.RootElement;
            var subject = root.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var keyType = root.TryGetProperty("keytype", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            return keyType switch
            {
                "SCHEMA" when subject is not null && root.TryGetProperty("version", out var v) && v.TryGetInt32(out var version) =>
                    new SchemaRecord(subject, version, value is null ? null : ReadSchemaValue(value)),
                "CONFIG" when value is null => new ConfigRecord(subject, null),
                "CONFIG" => ReadLevel(value) is { } level ? new ConfigRecord(subject, level) : new IgnoredRecord("config without a known compatibility level"),
                "DELETE_SUBJECT" when value is not null => ReadDeleteSubject(value),
                _ => new IgnoredRecord($"key type {keyType ?? "missing"}"),
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return new IgnoredRecord($"unreadable: {e.Message}");
        }
    }

    private static SchemaValue ReadSchemaValue(byte[] value)
    {
        using var json = JsonDocument.Parse(value);
        var root = json.RootElement;
        var typeName = root.TryGetProperty("schemaType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (!SchemaTypes.TryParse(typeName, out var type))
        {
            throw new FormatException($"unknown schema type {typeName}");
        }

        var references = new List<SchemaReference>();
        if (root.TryGetProperty("references", out var refs) && refs.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in refs.EnumerateArray())
            {
                references.Add(new SchemaReference(r.GetProperty("name").GetString()!, r.GetProperty("subject").GetString()!, r.GetProperty("version").GetInt32()));
            }
        }

        var deleted = root.TryGetProperty("deleted", out var d) && d.ValueKind == JsonValueKind.True;
        return new SchemaValue(root.GetProperty("id").GetInt32(), type, root.GetProperty("schema").GetString()!, references, deleted);
    }

    /// <summary>The level a config value sets; null when it sets none the gateway knows (only normalize or metadata, say).</summary>
    private static CompatibilityLevel? ReadLevel(byte[] value)
    {
        using var json = JsonDocument.Parse(value);
        return json.RootElement.TryGetProperty("compatibilityLevel", out var level) && level.ValueKind == JsonValueKind.String
            && CompatibilityLevels.TryParse(level.GetString(), out var parsed)
                ? parsed
                : null;
    }

    private static DeleteSubjectRecord ReadDeleteSubject(byte[] value)
    {
        using var json = JsonDocument.Parse(value);
        return new DeleteSubjectRecord(json.RootElement.GetProperty("subject").GetString()!, json.RootElement.GetProperty("version").GetInt32());
    }

    private static byte[] Json(Action<StringBuilder> write)
    {
        var builder = new StringBuilder(128);
        write(builder);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static StringBuilder String(this StringBuilder builder, string text)
    {
        JavaJson.WriteString(builder, text);
        return builder;
    }

    private static StringBuilder Int(this StringBuilder builder, int value) =>
        builder.Append(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
