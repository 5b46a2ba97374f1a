using Amazon.DynamoDBv2;
using Amazon.KeyManagementService;
using Amazon.SimpleSystemsManagement;
using Amazon.SQS;

namespace Payments.Aws;

/// <summary>
/// AWS clients with the SDK's default credentials and region (a Lambda's role, an operator's profile).
/// An explicit endpoint points the same code at DynamoDB Local or an SQS emulator. DynamoDB keeps the SDK's standard
/// retries: the event store judges its own transaction outcomes, and the read model's conditional writes are idempotent.
/// </summary>
public static class CloudClients
{
    public static AmazonDynamoDBClient DynamoDb(Uri? endpoint) =>
        endpoint is null ? new AmazonDynamoDBClient() : new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString() });

    public static AmazonSimpleSystemsManagementClient Ssm(Uri? endpoint) =>
        endpoint is null ? new AmazonSimpleSystemsManagementClient() : new AmazonSimpleSystemsManagementClient(new AmazonSimpleSystemsManagementConfig { ServiceURL = endpoint.ToString() });

    public static AmazonKeyManagementServiceClient Kms(Uri? endpoint) =>
        endpoint is null ? new AmazonKeyManagementServiceClient() : new AmazonKeyManagementServiceClient(new AmazonKeyManagementServiceConfig { ServiceURL = endpoint.ToString() });

    /// <summary>SDK retries off: SQS calls retry through <see cref="SqsResilience"/>, once, not twice over.</summary>
    public static AmazonSQSClient Sqs(Uri? endpoint) =>
        new(endpoint is null ? new AmazonSQSConfig { MaxErrorRetry = 0 } : new AmazonSQSConfig { ServiceURL = endpoint.ToString(), MaxErrorRetry = 0 });
}
