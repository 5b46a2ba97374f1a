using System.Security.Cryptography;

namespace Payments.EventStore.Audit;

/// <summary>RFC 9162 §2.1.1 hashing: leaves and interior nodes are domain-separated so a leaf can never pass for a node.</summary>
public static class MerkleHash
{
    public const int Size = 32;

    /// <summary>MTH({}) = SHA-256 of the empty string.</summary>
    public static byte[] Empty { get; } = SHA256.HashData([]);

    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x01]);
        hash.AppendData(left);
        hash.AppendData(right);
        return hash.GetHashAndReset();
    }

    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n ≥ 2): where RFC 9162 splits a tree.</summary>
    public static long Split(long n) => 1L << (63 - (int)long.LeadingZeroCount(n - 1));
}
