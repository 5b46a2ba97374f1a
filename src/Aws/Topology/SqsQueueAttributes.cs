using System.Globalization;
using System.Text.Json;
using Payments.Aws.Sqs;

namespace Payments.Aws.Topology;

/// <summary>A <see cref="QueueDefinition"/> as the attributes CreateQueue takes (what fixtures create in an emulator).</summary>
public static class SqsQueueAttributes
{
    public static Dictionary<string, string> For(QueueDefinition queue, string? deadLetterArn)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["VisibilityTimeout"] = Text(queue.VisibilityTimeoutSeconds),
            ["MessageRetentionPeriod"] = Text(queue.MessageRetentionSeconds),
            ["ReceiveMessageWaitTimeSeconds"] = Text(queue.ReceiveWaitSeconds),
        };
        if (queue.DeadLetter is not null)
        {
            var redrive = new SqsRedrivePolicy(
                deadLetterArn ?? throw new ArgumentNullException(nameof(deadLetterArn), $"{queue.Name} redrives to {queue.DeadLetter.Name}; its ARN is needed."),
                queue.MaxReceiveCount);
            attributes["RedrivePolicy"] = JsonSerializer.Serialize(redrive, SqsSettingsJsonContext.Default.SqsRedrivePolicy);
        }

        return attributes;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
