using System.Text.Json.Nodes;
using Gateway.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Consume;

/// <summary>
/// Request bodies of the consumer endpoints, with examples to follow in order in Swagger UI: create
/// <c>my-group</c>/<c>my-reader</c> as json, subscribe to the user topic the produce example writes,
/// read, commit, delete.
/// </summary>
internal sealed class ConsumeExamples : IOperationFilter
{
    private static readonly Dictionary<string, (string Summary, string Body)[]> Bodies = new(StringComparer.Ordinal)
    {
        ["CreateConsumer"] =
        [
            ("A json reader from the beginning (then use group my-group, instance my-reader below)",
                """{"name": "my-reader", "format": "json", "auto.offset.reset": "earliest", "auto.commit.enable": "false"}"""),
            ("A binary reader with a generated name", """{"format": "binary"}"""),
        ],
        ["Subscribe"] =
        [
            ("The user topic of the produce example", """{"topics": ["0a1b2c3d4e5f.user"]}"""),
            ("Every Pinterest topic the caller may read", """{"topic_pattern": "[0-9a-f]{12}\\.(pin|geo|user)"}"""),
        ],
        ["Assign"] = [("Partition 0 of the user topic", """{"partitions": [{"topic": "0a1b2c3d4e5f.user", "partition": 0}]}""")],
        ["CommitOffsets"] =
        [
            ("Commit what was read (an empty body does the same)", "{}"),
            ("Commit up to and including offset 0 of partition 0", """{"offsets": [{"topic": "0a1b2c3d4e5f.user", "partition": 0, "offset": 0}]}"""),
        ],
        ["CommittedOffsets"] = [("Partition 0 of the user topic", """{"partitions": [{"topic": "0a1b2c3d4e5f.user", "partition": 0}]}""")],
        ["Seek"] =
        [
            ("Back to offset 0", """{"offsets": [{"topic": "0a1b2c3d4e5f.user", "partition": 0, "offset": 0}]}"""),
            ("To the first record since a time", """{"timestamps": [{"topic": "0a1b2c3d4e5f.user", "partition": 0, "timestamp": "2026-01-01T00:00:00Z"}]}"""),
        ],
        ["SeekToBeginning"] = [("Partition 0 of the user topic", """{"partitions": [{"topic": "0a1b2c3d4e5f.user", "partition": 0}]}""")],
        ["SeekToEnd"] = [("Partition 0 of the user topic", """{"partitions": [{"topic": "0a1b2c3d4e5f.user", "partition": 0}]}""")],
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName is not { } name)
        {
            return;
        }

        if (name == "ReadRecords")
        {
            DescribeRead(operation);
        }

        if (!Bodies.TryGetValue(name, out var bodies))
        {
            return;
        }

        var examples = bodies.ToDictionary(b => b.Summary, b => (IOpenApiExample)new OpenApiExample { Summary = b.Summary, Value = JsonNode.Parse(b.Body) });
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = name is not ("CreateConsumer" or "CommitOffsets"),
            Content = new Dictionary<string, OpenApiMediaType> { [MediaTypes.KafkaV2Json] = new() { Examples = examples } },
        };
    }

    private static void DescribeRead(OpenApiOperation operation)
    {
        operation.Description = "Send Accept: application/vnd.kafka.json.v2+json for a json instance (binary is the default). "
            + "The read answers as soon as records are there, at the latest after timeout ms (at most Consumers:MaxReadWaitMs). "
            + "include=timestamp,headers adds each record's timestamp (ms since the epoch) and headers (base64 values).";
        foreach (var parameter in new[] { ("timeout", "Longest wait for records (ms)"), ("max_bytes", "Most key and value bytes to return"), ("include", "timestamp, headers or both") })
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Item1,
                In = ParameterLocation.Query,
                Description = parameter.Item2,
                Schema = new OpenApiSchema { Type = parameter.Item1 == "include" ? JsonSchemaType.String : JsonSchemaType.Integer },
            });
        }
    }
}
