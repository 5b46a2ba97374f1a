using Payments.Aws.Topology;
using Pulumi.Aws.CloudWatch;

namespace Payments.Infrastructure;

/// <summary>
/// Each <see cref="EventRuleDefinition"/> as an EventBridge rule on the topology's bus with its pattern verbatim, and
/// one target receiving the matched event whole (no input transformer), which is the envelope the handler parses.
/// </summary>
public static class EventRules
{
    public static EventRule Provision(EventRuleDefinition definition, ProvisionedResources resources)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(resources);
        // The bus's name as an output, not the topology's string, so the rule waits for the bus to exist.
        var bus = resources.FindBus(definition.Bus.Name).Name;
        var rule = new EventRule(definition.Name, new EventRuleArgs
        {
            Name = definition.Name,
            Description = definition.Description,
            EventBusName = bus,
            EventPattern = definition.EventPattern,
        });
        _ = new EventTarget($"{definition.Name}-target", new EventTargetArgs
        {
            Rule = rule.Name,
            EventBusName = bus,
            TargetId = definition.Target.Name,
            Arn = resources.Arn(definition.Target),
        });
        return rule;
    }
}
