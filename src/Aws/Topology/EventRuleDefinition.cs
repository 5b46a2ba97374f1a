namespace Payments.Aws.Topology;

/// <summary>
/// An EventBridge rule on <see cref="Bus"/> whose <see cref="EventPattern"/> (EventBridge's pattern JSON, verbatim) picks
/// events for <see cref="Target"/>, which receives each matched event whole, in the bus's envelope.
/// </summary>
public sealed record EventRuleDefinition(string Name, string Description, ResourceRef Bus, string EventPattern, ResourceRef Target);
