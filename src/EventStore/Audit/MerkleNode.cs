namespace Payments.EventStore.Audit;

/// <summary>
/// The root of a perfect subtree: the 2^<paramref name="Level"/> leaves starting at leaf <paramref name="Index"/> × 2^Level.
/// Level 0 nodes are the leaf hashes. Every RFC 9162 root and proof is composed from these.
/// </summary>
public sealed record MerkleNode(int Level, long Index, byte[] Hash);
