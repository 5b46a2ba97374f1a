namespace Payments.Functions.Lambda.Runtime;

/// <summary>
/// What a Lambda entry needs to find its tables and queue, read from the function's environment.
/// The endpoint overrides exist for running the same binary against DynamoDB Local and an SQS emulator.
/// </summary>
public sealed record CloudSettings(
    string TablePrefix,
    string ReadModelTable,
    string? PaymentQueueUrl,
    Uri? DynamoDbEndpoint,
    Uri? SqsEndpoint)
{
    public static CloudSettings FromEnvironment(Func<string, string?> env) => new(
        env("PAYMENTS_TABLE_PREFIX") ?? "",
        env("PAYMENTS_READ_MODEL_TABLE") is { Length: > 0 } table ? table : "payments",
        env("PAYMENTS_QUEUE_URL"),
        env("PAYMENTS_DYNAMODB_URL") is { Length: > 0 } dynamo ? new Uri(dynamo) : null,
        env("PAYMENTS_SQS_URL") is { Length: > 0 } sqs ? new Uri(sqs) : null);
}
