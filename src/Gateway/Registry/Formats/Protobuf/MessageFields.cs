using Google.Protobuf.Reflection;

namespace Gateway.Registry.Formats;

/// <summary>A message's fields by number, and its written oneofs (not proto3 optional's synthetic ones) with their members.</summary>
internal sealed record MessageFields(
    Dictionary<int, FieldDescriptorProto> ByNumber,
    Dictionary<int, string> OneofOf,
    Dictionary<string, List<FieldDescriptorProto>> Oneofs)
{
    public static MessageFields Of(DescriptorProto message)
    {
        var real = ProtoPrinter.RealOneofs(message);
        var byNumber = new Dictionary<int, FieldDescriptorProto>();
        var oneofOf = new Dictionary<int, string>();
        var oneofs = real.ToDictionary(i => message.OneofDecls[i].Name, _ => new List<FieldDescriptorProto>());
        foreach (var field in message.Fields)
        {
            byNumber[field.Number] = field;
            if (ProtoPrinter.InOneof(field, real))
            {
                var name = message.OneofDecls[field.OneofIndex].Name;
                oneofOf[field.Number] = name;
                oneofs[name].Add(field);
            }
        }

        return new MessageFields(byNumber, oneofOf, oneofs);
    }
}
