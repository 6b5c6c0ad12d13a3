using System.Security.Cryptography;

namespace Gateway.Tests.Support;

internal static class TestTopics
{
    /// <summary>A fresh emulator-style topic, <c>&lt;12 hex&gt;.&lt;table&gt;</c>, so tests never share data.</summary>
    public static string Fresh(string table = "pin") =>
        $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.{table}";
}
