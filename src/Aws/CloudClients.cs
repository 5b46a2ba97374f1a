using Amazon.DynamoDBv2;
using Amazon.SQS;

namespace Payments.Aws;

/// <summary>
/// AWS clients with the SDK's default credentials and region (a Lambda's role, an operator's profile).
/// An explicit endpoint points the same code at DynamoDB Local or an SQS emulator.
/// </summary>
public static class CloudClients
{
    public static AmazonDynamoDBClient DynamoDb(Uri? endpoint) =>
        endpoint is null ? new AmazonDynamoDBClient() : new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString() });

    public static AmazonSQSClient Sqs(Uri? endpoint) =>
        endpoint is null ? new AmazonSQSClient() : new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = endpoint.ToString() });
}
