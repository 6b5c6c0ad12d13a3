using Gateway.Admin.V2;
using Gateway.Admin.V3;
using Gateway.Consume;
using Gateway.Hosting;
using Gateway.Kafka;
using Gateway.Observability;
using Gateway.Produce.V2;
using Gateway.Produce.V3;
using Gateway.Registry;
using Gateway.Reliability;
using Gateway.Schemas;
using Gateway.Security;
using Gateway.Topics;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.UseGatewayServer();
builder.Services.AddKafka(builder.Configuration);
builder.Services.AddTopics();
builder.Services.AddSchemas(builder.Configuration);
builder.Services.AddReliability(builder.Configuration);
builder.Services.AddClientSecurity(builder.Configuration);
builder.Services.AddObservability(builder.Configuration);
builder.Services.AddProduce(builder.Configuration);
builder.Services.AddConsume(builder.Configuration);
builder.Services.AddProduceV3(builder.Configuration);
builder.Services.AddPublicUrl(builder.Configuration);
builder.Services.AddAdminV3();
builder.Services.AddRegistry(builder.Configuration);
builder.Services.AddGatewayOpenApi();

var app = builder.Build();
if (app.CheckSettings() is { } exitCode)
{
    return exitCode;
}

app.UseKnownMethodsOnly();
app.UseKafkaRestErrors();
app.UseObservability();
app.UseClientSecurity();
app.UseBodyAdmission();
app.MapGatewayOpenApi();
app.MapRoot();
app.MapHealth();
app.MapProduce();
app.MapConsume();
app.MapProduceV3();
app.MapMetadata();
app.MapAdminV3();
app.MapSchemas();
app.MapRegistry();
await app.RunAsync();
return 0;

/// <summary>The gateway's entry point, visible to the test host.</summary>
public partial class Program;
