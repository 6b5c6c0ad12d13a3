using System.Text.Json.Nodes;
using Gateway.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Produce.V3;

/// <summary>Describes the v3 produce bodies with examples: a JSON pin row, a STRING key with a BINARY value and headers, and a batch.</summary>
internal sealed class ProduceV3Examples : IOperationFilter
{
    public const string Tag = "Produce v3";

    private const string Pin =
        """{"key":{"type":"STRING","data":"7528"},"value":{"type":"JSON","data":{"index":7528,"unique_id":"fbe53c66-3442-4773-b19e-d3ec6f54dddf","title":"No Title Data Available","description":"No description available Story format","poster_name":"User Info Error","follower_count":"User Info Error","tag_list":"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e","is_image_or_video":"multi-video(story page format)","image_src":"Image src error.","downloaded":0,"save_location":"Local save in /data/mens-fashion","category":"mens-fashion"}}}""";

    private const string Binary =
        """{"partition_id":0,"headers":[{"name":"source","value":"ZW11bGF0b3I="}],"key":{"type":"STRING","data":"k1"},"value":{"type":"BINARY","data":"aGVsbG8="},"timestamp":"2026-01-01T00:00:00Z"}""";

    private const string Batch =
        """{"entries":[{"id":"a1","value":{"type":"JSON","data":{"ind":5658,"first_name":"Zoe","last_name":"Neil","age":32,"date_joined":"2016-10-23 14:06:51"}}},{"id":"a2","value":{"type":"STRING","data":"plain text"}}]}""";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Tags?.Any(t => t.Name == Tag) != true)
        {
            return;
        }

        var isBatch = context.ApiDescription.RelativePath?.EndsWith("records:batch", StringComparison.Ordinal) == true;
        var schema = context.SchemaGenerator.GenerateSchema(isBatch ? typeof(ProduceV3BatchRequestDocument) : typeof(ProduceV3RequestDocument), context.SchemaRepository);
        var examples = isBatch
            ? new Dictionary<string, IOpenApiExample> { ["batch"] = Example("Two entries, answered 207 by id", Batch) }
            : new Dictionary<string, IOpenApiExample>
            {
                ["pin"] = Example("A pin row as JSON with a STRING key (send several objects one after another to stream)", Pin),
                ["binary"] = Example("A BINARY value with a header, partition and timestamp", Binary),
            };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { [MediaTypes.Json] = new() { Schema = schema, Examples = examples } },
        };
    }

    private static OpenApiExample Example(string summary, string body) => new() { Summary = summary, Value = JsonNode.Parse(body) };
}
