using Amazon.SQS;
using Amazon.SQS.Model;

namespace Payments.Aws.Sqs;

/// <summary>URLs of the payment queue and its dead-letter queue.</summary>
public sealed record SqsPaymentQueues(string QueueUrl, string DeadLetterQueueUrl)
{
    /// <summary>
    /// Creates (or finds, CreateQueue is idempotent for equal attributes) the DLQ, then the payment queue redriving to it.
    /// Production queues come from the Pulumi program; this is for tests and local runs against an emulator.
    /// </summary>
    public static async Task<SqsPaymentQueues> Ensure(
        IAmazonSQS sqs, string queueName, Dictionary<string, string>? overrides, CancellationToken cancellationToken)
    {
        var dlq = await sqs.CreateQueueAsync(
            new CreateQueueRequest { QueueName = PaymentQueueSettings.DeadLetterQueueName(queueName), Attributes = PaymentQueueSettings.DeadLetterQueueAttributes() },
            cancellationToken).ConfigureAwait(false);
        var dlqAttributes = await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = dlq.QueueUrl, AttributeNames = ["QueueArn"] }, cancellationToken).ConfigureAwait(false);

        var attributes = PaymentQueueSettings.QueueAttributes(dlqAttributes.QueueARN);
        foreach (var (name, value) in overrides ?? [])
        {
            attributes[name] = value;
        }

        var queue = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = queueName, Attributes = attributes }, cancellationToken).ConfigureAwait(false);
        return new SqsPaymentQueues(queue.QueueUrl, dlq.QueueUrl);
    }
}
