namespace Payments.Aws.Topology;

/// <summary>
/// A queue's resource policy: <see cref="ServicePrincipal"/> may perform <see cref="Actions"/> on <see cref="Queue"/>
/// only on behalf of <see cref="SourceArns"/> (an <c>aws:SourceArn</c> condition), e.g. EventBridge for its rules.
/// </summary>
public sealed record QueuePolicyDefinition(ResourceRef Queue, string ServicePrincipal, IReadOnlyList<string> Actions, IReadOnlyList<ResourceRef> SourceArns);
