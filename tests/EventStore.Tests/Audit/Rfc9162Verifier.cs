using System.Security.Cryptography;

namespace Payments.EventStore.Tests.Audit;

/// <summary>
/// An independent verifier written from RFC 9162's definitions (§2.1.1 MTH, §2.1.3.1 PATH, §2.1.4.1 PROOF/SUBPROOF),
/// sharing no code with the prover: it walks the same recursion the definitions give and rebuilds the roots a proof
/// claims, consuming proof nodes from the end, where the definitions append them.
/// </summary>
internal static class Rfc9162Verifier
{
    public static byte[] LeafHash(byte[] data) => SHA256.HashData([0x00, .. data]);

    public static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    /// <summary>MTH(D[n]) straight from §2.1.1.</summary>
    public static byte[] Mth(IReadOnlyList<byte[]> leafData)
    {
        if (leafData.Count == 0)
        {
            return SHA256.HashData(Array.Empty<byte>());
        }

        if (leafData.Count == 1)
        {
            return LeafHash(leafData[0]);
        }

        var k = LargestPowerOfTwoBelow(leafData.Count);
        return NodeHash(Mth(leafData.Take(k).ToList()), Mth(leafData.Skip(k).ToList()));
    }

    public static bool Inclusion(byte[] leafHash, long index, long size, IReadOnlyList<byte[]> path, byte[] root)
    {
        var remaining = new Stack<byte[]>(path);
        if (index < 0 || index >= size)
        {
            return false;
        }

        var rebuilt = RootFromPath(leafHash, index, size, remaining);
        return rebuilt is not null && remaining.Count == 0 && rebuilt.SequenceEqual(root);
    }

    public static bool Consistency(long m, long n, IReadOnlyList<byte[]> proof, byte[] oldRoot, byte[] newRoot)
    {
        if (m == n)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        if (m == 0 || m > n)
        {
            return m == 0 && proof.Count == 0;
        }

        var remaining = new Stack<byte[]>(proof);
        var roots = SubProof(m, n, true, oldRoot, remaining);
        return roots is { } r && remaining.Count == 0 && r.Old.SequenceEqual(oldRoot) && r.New.SequenceEqual(newRoot);
    }

    /// <summary>PATH(m, D[n]) appends the sibling last, so the last proof node pairs with the top split.</summary>
    private static byte[]? RootFromPath(byte[] leaf, long m, long n, Stack<byte[]> proof)
    {
        if (n == 1)
        {
            return leaf;
        }

        if (proof.Count == 0)
        {
            return null;
        }

        var sibling = proof.Pop();
        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            var left = RootFromPath(leaf, m, k, proof);
            return left is null ? null : NodeHash(left, sibling);
        }

        var right = RootFromPath(leaf, m - k, n - k, proof);
        return right is null ? null : NodeHash(sibling, right);
    }

    /// <summary>SUBPROOF(m, D[n], b): returns (MTH(D[0:m]) restricted to this subtree, MTH(D[n])) as the proof claims them.</summary>
    private static (byte[] Old, byte[] New)? SubProof(long m, long n, bool b, byte[] oldRoot, Stack<byte[]> proof)
    {
        if (m == n)
        {
            if (b)
            {
                return (oldRoot, oldRoot);
            }

            if (proof.Count == 0)
            {
                return null;
            }

            var whole = proof.Pop();
            return (whole, whole);
        }

        if (proof.Count == 0)
        {
            return null;
        }

        var sibling = proof.Pop();
        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            // The old tree lies wholly in the left subtree; the sibling is the new tree's right part.
            var inner = SubProof(m, k, b, oldRoot, proof);
            return inner is { } r ? (r.Old, NodeHash(r.New, sibling)) : null;
        }

        // The old tree covers the whole left subtree (the sibling) and part of the right one.
        var right = SubProof(m - k, n - k, false, oldRoot, proof);
        return right is { } x ? (NodeHash(sibling, x.Old), NodeHash(sibling, x.New)) : null;
    }

    private static int LargestPowerOfTwoBelow(long n)
    {
        var k = 1;
        while (k * 2L < n)
        {
            k *= 2;
        }

        return k;
    }
}
