using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Gateway.Serdes;

[JsonSerializable(typeof(JsonNode))]
internal sealed partial class JsonNodeContext : JsonSerializerContext;
