namespace Payments.Aws.Topology;

/// <summary>One IAM Allow statement: these actions on these resources, nothing wider.</summary>
public sealed record PolicyStatement(IReadOnlyList<string> Actions, IReadOnlyList<ResourceRef> Resources);
