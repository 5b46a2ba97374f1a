namespace Payments.Application.Audit.Documents;

/// <summary>Proves the tree of <paramref name="From"/> leaves is a prefix of the tree of <paramref name="To"/> leaves (RFC 9162 §2.1.4).</summary>
public sealed record ConsistencyProofDocument(long From, long To, byte[] FromRoot, byte[] ToRoot, IReadOnlyList<byte[]> Proof);
