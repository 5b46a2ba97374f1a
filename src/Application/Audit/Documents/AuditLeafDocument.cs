namespace Payments.Application.Audit.Documents;

/// <summary>The fields a leaf commits to (see AuditLeaf): enough to recompute its hash without the event store.</summary>
public sealed record AuditLeafDocument(long Position, string StreamId, long Version, int HashScheme, string Hash);
