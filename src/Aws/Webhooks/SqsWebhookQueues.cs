using Amazon.SQS;
using Amazon.SQS.Model;
using Payments.Aws.Topology;

namespace Payments.Aws.Webhooks;

/// <summary>URLs of the webhook queue and its dead-letter queue (the webhook function's settings).</summary>
public sealed record SqsWebhookQueues(string QueueUrl, string DeadLetterQueueUrl)
{
    /// <summary>
    /// Creates (or finds: CreateQueue is idempotent for equal attributes) the dead-letter queue, then the webhook queue
    /// redriving to it, as <see cref="CloudTopology.WebhookQueue"/> defines them. Production queues come from the Pulumi
    /// program; this is for tests and local runs against an emulator.
    /// </summary>
    public static async Task<SqsWebhookQueues> Ensure(
        IAmazonSQS sqs, string queueName, Dictionary<string, string>? overrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        var definition = CloudTopology.WebhookQueue(queueName);
        var deadLetter = definition.DeadLetter!;
        var dlq = await sqs.CreateQueueAsync(
            new CreateQueueRequest { QueueName = deadLetter.Name, Attributes = SqsQueueAttributes.For(deadLetter, null) },
            cancellationToken).ConfigureAwait(false);
        var dlqAttributes = await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = dlq.QueueUrl, AttributeNames = ["QueueArn"] }, cancellationToken).ConfigureAwait(false);

        var attributes = SqsQueueAttributes.For(definition, dlqAttributes.QueueARN);
        foreach (var (name, value) in overrides ?? [])
        {
            attributes[name] = value;
        }

        var queue = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = queueName, Attributes = attributes }, cancellationToken).ConfigureAwait(false);
        return new SqsWebhookQueues(queue.QueueUrl, dlq.QueueUrl);
    }
}
