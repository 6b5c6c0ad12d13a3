using Amazon.SecurityToken.Model.Internal.MarshallTransformations;
using Gateway.Kafka.Security;

namespace Gateway.Tests.Kafka.Security;

/// <summary>Assuming a role sends STS the AssumeRole call kafka-rest's awsRoleArn would, without touching the network.</summary>
public sealed class RoleAssumptionTests
{
    [Fact]
    public void CreateRequest_MarshalsToStsAssumeRoleWithRoleSessionAndExternalId()
    {
        var options = new KafkaSecurityOptions
        {
            AwsRoleArn = "arn:aws:iam::123456789012:role/msk-producer",
            AwsRoleSessionName = "gateway",
            AwsRoleExternalId = "pinterest",
        };

        var request = AssumeRoleRequestMarshaller.Instance.Marshall(RoleAssumption.CreateRequest(options));

        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal("AssumeRole", request.Parameters["Action"]);
        Assert.Equal("2011-06-15", request.Parameters["Version"]);
        Assert.Equal("arn:aws:iam::123456789012:role/msk-producer", request.Parameters["RoleArn"]);
        Assert.Equal("gateway", request.Parameters["RoleSessionName"]);
        Assert.Equal("pinterest", request.Parameters["ExternalId"]);
        Assert.Equal("3600", request.Parameters["DurationSeconds"]);
    }

    [Fact]
    public void CreateRequest_WithoutExternalId_SendsNone()
    {
        var request = AssumeRoleRequestMarshaller.Instance.Marshall(
            RoleAssumption.CreateRequest(new KafkaSecurityOptions { AwsRoleArn = "arn:aws:iam::123456789012:role/r" }));

        Assert.False(request.Parameters.ContainsKey("ExternalId"));
    }
}
