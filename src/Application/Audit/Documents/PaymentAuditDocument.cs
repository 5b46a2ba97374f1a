namespace Payments.Application.Audit.Documents;

/// <summary>A payment's whole history, each event with its inclusion proof against <paramref name="Checkpoint"/>.</summary>
public sealed record PaymentAuditDocument(string StreamId, CheckpointDocument Checkpoint, IReadOnlyList<AuditEventLine> Events);
