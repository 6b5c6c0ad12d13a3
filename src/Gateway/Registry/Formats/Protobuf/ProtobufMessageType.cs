namespace Gateway.Registry.Formats;

/// <summary>
/// A message type of the main file and its index path, as Confluent's message-index encoding numbers them:
/// [0] for the first top-level message, [1, 0] for the first message nested in the second. Map entry types,
/// which the .proto text never declares, are not counted.
/// </summary>
internal sealed record ProtobufMessageType(string FullName, IReadOnlyList<int> IndexPath, Google.Protobuf.Reflection.DescriptorProto Descriptor);
