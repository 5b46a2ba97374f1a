using Payments.Application.Jobs;
using Payments.Aws.Topology;

namespace Payments.Aws.Sqs;

/// <summary>The payment queue of the cloud topology (<see cref="CloudTopology.PaymentQueue"/>) as SQS queue attributes, for fixtures and local runs.</summary>
public static class PaymentQueueSettings
{
    public static string DeadLetterQueueName(string queueName) => CloudTopology.PaymentQueue(queueName).DeadLetter!.Name;

    /// <summary>Attributes of the payment queue, redriving to <paramref name="deadLetterQueueArn"/> after <see cref="PaymentQueueSpec.MaxReceiveCount"/> receives.</summary>
    public static Dictionary<string, string> QueueAttributes(string deadLetterQueueArn) =>
        SqsQueueAttributes.For(CloudTopology.PaymentQueue("payments"), deadLetterQueueArn);

    public static Dictionary<string, string> DeadLetterQueueAttributes() =>
        SqsQueueAttributes.For(CloudTopology.PaymentQueue("payments").DeadLetter!, null);
}
