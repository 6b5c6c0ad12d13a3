using Google.Protobuf.Reflection;

namespace Gateway.Registry.Formats;

/// <summary>
/// Whether <see cref="ProtoPrinter"/> can print a file without losing anything: it prints the constructs of
/// plain proto2 and proto3 with standard options; extensions, groups, custom options and editions it leaves to
/// the text as given.
/// </summary>
internal static class ProtoPrintability
{
    public static bool CanPrint(FileDescriptorProto file, string? declaredSyntax) =>
        declaredSyntax is null or "proto2" or "proto3"
        && file.Extensions.Count == 0
        && (file.WeakDependencies?.Length ?? 0) == 0
        && !ProtoOptions.HasCustom(file.Options)
        && file.MessageTypes.All(CanPrint)
        && file.EnumTypes.All(CanPrint)
        && file.Services.All(s => !ProtoOptions.HasCustom(s.Options) && s.Methods.All(m => !ProtoOptions.HasCustom(m.Options)));

    private static bool CanPrint(DescriptorProto message) =>
        message.Extensions.Count == 0
        && message.ExtensionRanges.Count == 0
        && !ProtoOptions.HasCustom(message.Options)
        && message.OneofDecls.All(o => !ProtoOptions.HasCustom(o.Options))
        && message.Fields.All(f => f.type != FieldDescriptorProto.Type.TypeGroup && !ProtoOptions.HasCustom(f.Options))
        && message.NestedTypes.All(CanPrint)
        && message.EnumTypes.All(CanPrint);

    private static bool CanPrint(EnumDescriptorProto type) =>
        !ProtoOptions.HasCustom(type.Options) && type.Values.All(v => !ProtoOptions.HasCustom(v.Options));
}
