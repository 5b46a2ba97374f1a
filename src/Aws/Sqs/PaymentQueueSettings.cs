using System.Globalization;
using System.Text.Json;
using Payments.Application.Jobs;

namespace Payments.Aws.Sqs;

/// <summary>The payment queue's figures (<see cref="PaymentQueueSpec"/>) as SQS queue attributes.</summary>
public static class PaymentQueueSettings
{
    public static string DeadLetterQueueName(string queueName) => queueName + "-dlq";

    /// <summary>Attributes of the payment queue, redriving to <paramref name="deadLetterQueueArn"/> after <see cref="PaymentQueueSpec.MaxReceiveCount"/> receives.</summary>
    public static Dictionary<string, string> QueueAttributes(string deadLetterQueueArn) => new(StringComparer.Ordinal)
    {
        ["VisibilityTimeout"] = Text(PaymentQueueSpec.VisibilityTimeoutSeconds),
        ["MessageRetentionPeriod"] = Text(PaymentQueueSpec.MessageRetentionSeconds),
        ["ReceiveMessageWaitTimeSeconds"] = Text(PaymentQueueSpec.ReceiveWaitSeconds),
        ["RedrivePolicy"] = RedrivePolicy(deadLetterQueueArn),
    };

    public static Dictionary<string, string> DeadLetterQueueAttributes() => new(StringComparer.Ordinal)
    {
        ["MessageRetentionPeriod"] = Text(PaymentQueueSpec.DeadLetterRetentionSeconds),
    };

    public static string RedrivePolicy(string deadLetterQueueArn, int maxReceiveCount = PaymentQueueSpec.MaxReceiveCount) =>
        JsonSerializer.Serialize(new SqsRedrivePolicy(deadLetterQueueArn, maxReceiveCount), SqsSettingsJsonContext.Default.SqsRedrivePolicy);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
