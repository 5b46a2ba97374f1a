using Payments.Aws.Topology;
using Pulumi.Aws.Sqs;

namespace Payments.Infrastructure;

/// <summary>
/// Each <see cref="QueueDefinition"/> as an <c>aws.sqs.Queue</c>, its dead-letter queue first because the redrive
/// policy names the dead-letter queue's ARN.
/// </summary>
public static class Queues
{
    public static void Provision(QueueDefinition definition, ProvisionedResources resources)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(resources);
        if (resources.HasQueue(definition.Name))
        {
            return;
        }

        var args = new QueueArgs
        {
            Name = definition.Name,
            VisibilityTimeoutSeconds = definition.VisibilityTimeoutSeconds,
            MessageRetentionSeconds = definition.MessageRetentionSeconds,
            ReceiveWaitTimeSeconds = definition.ReceiveWaitSeconds,
        };
        if (definition.DeadLetter is { } deadLetter)
        {
            Provision(deadLetter, resources);

            // The same attribute the emulator fixtures set, so the redrive JSON has one author.
            args.RedrivePolicy = resources.FindQueue(deadLetter.Name).Arn
                .Apply(arn => SqsQueueAttributes.For(definition, arn)["RedrivePolicy"]);
        }

        resources.Add(definition.Name, new Queue(definition.Name, args));
    }
}
