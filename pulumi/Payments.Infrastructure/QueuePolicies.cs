using Payments.Aws.Topology;
using Pulumi;
using Pulumi.Aws.Sqs;

namespace Payments.Infrastructure;

/// <summary>Each <see cref="QueuePolicyDefinition"/> as the queue's resource policy, every source resolved to its provisioned ARN.</summary>
public static class QueuePolicies
{
    public static QueuePolicy Provision(QueuePolicyDefinition definition, ProvisionedResources resources)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(resources);
        var queue = resources.FindQueue(definition.Queue.Name);
        var document = Output.Tuple(queue.Arn, Output.All(definition.SourceArns.Select(resources.Arn)))
            .Apply(resolved => PolicyDocuments.AllowServiceFrom(definition.ServicePrincipal, definition.Actions, resolved.Item1, resolved.Item2));
        return new QueuePolicy($"{definition.Queue.Name}-policy", new QueuePolicyArgs { QueueUrl = queue.Url, Policy = document });
    }
}
