using System.Reflection;
using Confluent.SchemaRegistry;

namespace Gateway.Tests.Serdes;

/// <summary>
/// A schema registry client for Confluent's serializers in tests: every schema registers (or is found) under one fixed
/// id, so the serializers' bytes can be compared with the gateway's. Anything else they ask fails the test.
/// </summary>
public class FixedIdRegistry : DispatchProxy
{
    public const int Id = 0x01020304;

    public static ISchemaRegistryClient Create() => Create<ISchemaRegistryClient, FixedIdRegistry>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        args ??= [];
        switch (targetMethod.Name)
        {
            case "get_MaxCachedSchemas":
                return 1000;
            case "get_Config":
                return new Dictionary<string, string>();
            case "RegisterSchemaAsync" or "GetSchemaIdAsync":
                return Task.FromResult(Id);
            case "RegisterSchemaWithResponseAsync" or "LookupSchemaAsync":
                var subject = (string)args[0]!;
                var schema = (Schema)args[1]!;
                return Task.FromResult(new RegisteredSchema(subject, 1, Id, schema.SchemaString, schema.SchemaType, schema.References));
            case "ConstructValueSubjectName":
                return $"{args[0]}-value";
            case "ConstructKeySubjectName":
                return $"{args[0]}-key";
            case "Dispose":
                return null;
            case "GetAssociationsByResourceNameAsync":
                // Newer serializers ask which subjects a topic is associated with; there are none.
                var list = targetMethod.ReturnType.GetGenericArguments()[0];
                return typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(list).Invoke(null, [Activator.CreateInstance(list)]);
            default:
                throw new NotSupportedException($"the serializer asked the registry for {targetMethod.Name}");
        }
    }
}
