namespace Payments.Application.Audit.Documents;

/// <summary>
/// Proves the event at <paramref name="Leaf"/>'s position is in the tree of <paramref name="TreeSize"/> leaves:
/// recompute the leaf hash from <paramref name="Leaf"/> (RFC 9162 leaf of the audit leaf bytes), then walk
/// <paramref name="AuditPath"/> to the root of that size.
/// </summary>
public sealed record InclusionProofDocument(long TreeSize, long LeafIndex, AuditLeafDocument Leaf, byte[] LeafHash, IReadOnlyList<byte[]> AuditPath);
