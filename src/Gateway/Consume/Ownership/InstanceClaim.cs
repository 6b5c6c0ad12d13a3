using System.Text;
using System.Text.Json;

namespace Gateway.Consume.Ownership;

/// <summary>
/// A gateway's claim to a consumer instance name, as a record of the directory topic. The key names the
/// group, the instance and the claim itself, so two gateways claiming one name at once leave two
/// records that compaction keeps apart; the earliest live claim wins everywhere.
/// </summary>
internal sealed record InstanceClaim(string Group, string Instance, string ClaimId, string OwnerUrl, string OwnerRun, long Offset)
{
    public byte[] Key => KeyOf(Group, Instance, ClaimId);

    public static byte[] KeyOf(string group, string instance, string claimId)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("group", group);
            writer.WriteString("instance", instance);
            writer.WriteString("claim", claimId);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static byte[] ValueOf(string ownerUrl, string ownerRun, string format)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("owner", ownerUrl);
            writer.WriteString("run", ownerRun);
            writer.WriteString("format", format);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The claim a directory record holds, or, for a tombstone, the claim key it removes; null for records of another kind.</summary>
    public static (string KeyText, InstanceClaim? Claim)? Read(byte[]? key, byte[]? value, long offset)
    {
        if (key is null)
        {
            return null;
        }

        try
        {
            using var keyJson = JsonDocument.Parse(key);
            var root = keyJson.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claim", out var claim)
                || !root.TryGetProperty("group", out var group) || !root.TryGetProperty("instance", out var instance))
            {
                return null;
            }

            var keyText = Encoding.UTF8.GetString(key);
            if (value is null)
            {
                return (keyText, null);
            }

            using var valueJson = JsonDocument.Parse(value);
            var owner = valueJson.RootElement.GetProperty("owner").GetString() ?? "";
            var run = valueJson.RootElement.GetProperty("run").GetString() ?? "";
            return (keyText, new InstanceClaim(group.GetString()!, instance.GetString()!, claim.GetString()!, owner, run, offset));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
