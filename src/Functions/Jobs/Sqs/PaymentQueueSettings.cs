using System.Globalization;
using System.Text.Json;

namespace Payments.Functions.Jobs.Sqs;

/// <summary>
/// The payment queue's spec figures in one place: the SQS adapter, the embedded queue defaults and the
/// Pulumi program all read them from here, so the clouds and the laptop cannot drift apart.
/// </summary>
public static class PaymentQueueSettings
{
    /// <summary>A worker Lambda runs up to 300 s; the job stays hidden at least that long.</summary>
    public const int VisibilityTimeoutSeconds = 300;

    public const int MessageRetentionSeconds = 14 * 24 * 60 * 60;

    /// <summary>Long polling: the longest wait SQS allows.</summary>
    public const int ReceiveWaitSeconds = 20;

    public const int MaxReceiveCount = 3;

    /// <summary>The worker handles one payment per invocation.</summary>
    public const int BatchSize = 1;

    /// <summary>Dead letters are kept as long as SQS allows, for the operator to inspect.</summary>
    public const int DeadLetterRetentionSeconds = 14 * 24 * 60 * 60;

    public static string DeadLetterQueueName(string queueName) => queueName + "-dlq";

    /// <summary>Attributes of the payment queue, redriving to <paramref name="deadLetterQueueArn"/> after <see cref="MaxReceiveCount"/> receives.</summary>
    public static Dictionary<string, string> QueueAttributes(string deadLetterQueueArn) => new(StringComparer.Ordinal)
    {
        ["VisibilityTimeout"] = Text(VisibilityTimeoutSeconds),
        ["MessageRetentionPeriod"] = Text(MessageRetentionSeconds),
        ["ReceiveMessageWaitTimeSeconds"] = Text(ReceiveWaitSeconds),
        ["RedrivePolicy"] = RedrivePolicy(deadLetterQueueArn),
    };

    public static Dictionary<string, string> DeadLetterQueueAttributes() => new(StringComparer.Ordinal)
    {
        ["MessageRetentionPeriod"] = Text(DeadLetterRetentionSeconds),
    };

    public static string RedrivePolicy(string deadLetterQueueArn) =>
        JsonSerializer.Serialize(new SqsRedrivePolicy(deadLetterQueueArn, MaxReceiveCount), SqsSettingsJsonContext.Default.SqsRedrivePolicy);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
