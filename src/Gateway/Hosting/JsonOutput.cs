using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Hosting;

/// <summary>How the gateway writes JSON answers: text as it is (no \u0027 for an apostrophe), still valid JSON.</summary>
internal static class JsonOutput
{
    public static JsonWriterOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
