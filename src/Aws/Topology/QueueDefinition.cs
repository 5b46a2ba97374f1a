namespace Payments.Aws.Topology;

/// <summary>An SQS queue and, when <see cref="DeadLetter"/> is set, the redrive to it after <see cref="MaxReceiveCount"/> receives.</summary>
public sealed record QueueDefinition(
    string Name, int VisibilityTimeoutSeconds, int MessageRetentionSeconds, int ReceiveWaitSeconds, QueueDefinition? DeadLetter, int MaxReceiveCount);
