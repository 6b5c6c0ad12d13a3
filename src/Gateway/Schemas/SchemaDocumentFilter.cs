using System.Text;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Schemas;

/// <summary>Shows each bound schema in Swagger UI, under the document's description.</summary>
internal sealed class SchemaDocumentFilter(TopicSchemas schemas) : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var text = new StringBuilder(swaggerDoc.Info.Description);
        text.Append("\n\n## Topic schemas\n\n")
            .Append("Topics no binding covers are ").Append(schemas.Options.UnboundTopics == UnboundTopicPolicy.Reject ? "refused (404 / 40401)." : "produced without validation.")
            .Append(" Add `?validation=partial` to produce the valid records of a mixed batch.\n");
        foreach (var binding in schemas.All)
        {
            text.Append("\n### ").Append(binding.Name).Append(": `").Append(binding.Covers).Append("`\n\n");
            if (binding.Subject is not null)
            {
                text.Append("Registry ").Append(binding.Describe()).Append(".\n\n");
            }

            if (binding.SchemaText is { } schema)
            {
                text.Append("```json\n").Append(schema.Trim()).Append("\n```\n");
            }
        }

        swaggerDoc.Info.Description = text.ToString();
    }
}
