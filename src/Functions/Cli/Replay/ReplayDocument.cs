namespace Payments.Functions.Cli.Replay;

/// <summary>`replay --json`: a payment's events in version order, each with the state after it.</summary>
internal sealed record ReplayDocument(Guid PaymentId, IReadOnlyList<ReplayedEvent> Events);
