namespace Payments.EventStore.Audit;

/// <summary>
/// RFC 9162 §2.1 roots and proofs, computed from stored perfect subtree roots: each is O(log n) node reads, whatever
/// the tree's size, so the tree is kept once and any past size can still be proven.
/// </summary>
public static class MerkleProofs
{
    /// <summary>MTH(D[0:size]).</summary>
    public static ValueTask<byte[]> Root(IMerkleNodeSource nodes, long size, CancellationToken cancellationToken) =>
        size == 0 ? ValueTask.FromResult(MerkleHash.Empty) : Subtree(nodes, 0, size, cancellationToken);

    /// <summary>PATH(index, D[0:size]) (§2.1.3.1): the audit path of leaf <paramref name="index"/>, leaf side first.</summary>
    public static async Task<IReadOnlyList<byte[]>> Inclusion(IMerkleNodeSource nodes, long index, long size, CancellationToken cancellationToken)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"A tree of {size} leaves has no leaf {index}.");
        }

        var path = new List<byte[]>();
        await Path(nodes, index, 0, size, path, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>PROOF(from, D[0:to]) (§2.1.4.1): proves the tree of <paramref name="from"/> leaves is a prefix of the tree of <paramref name="to"/>.</summary>
    public static async Task<IReadOnlyList<byte[]>> Consistency(IMerkleNodeSource nodes, long from, long to, CancellationToken cancellationToken)
    {
        if (from < 0 || from > to)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"A consistency proof needs 0 ≤ from ≤ to ({to}).");
        }

        var proof = new List<byte[]>();
        if (from > 0 && from < to)
        {
            await SubProof(nodes, from, 0, to, complete: true, proof, cancellationToken).ConfigureAwait(false);
        }

        return proof;
    }

    private static async Task Path(IMerkleNodeSource nodes, long m, long start, long n, List<byte[]> path, CancellationToken cancellationToken)
    {
        if (n == 1)
        {
            return;
        }

        var k = MerkleHash.Split(n);
        if (m < k)
        {
            await Path(nodes, m, start, k, path, cancellationToken).ConfigureAwait(false);
            path.Add(await Subtree(nodes, start + k, n - k, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            await Path(nodes, m - k, start + k, n - k, path, cancellationToken).ConfigureAwait(false);
            path.Add(await Subtree(nodes, start, k, cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task SubProof(IMerkleNodeSource nodes, long m, long start, long n, bool complete, List<byte[]> proof, CancellationToken cancellationToken)
    {
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(await Subtree(nodes, start, n, cancellationToken).ConfigureAwait(false));
            }

            return;
        }

        var k = MerkleHash.Split(n);
        if (m <= k)
        {
            await SubProof(nodes, m, start, k, complete, proof, cancellationToken).ConfigureAwait(false);
            proof.Add(await Subtree(nodes, start + k, n - k, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            await SubProof(nodes, m - k, start + k, n - k, complete: false, proof, cancellationToken).ConfigureAwait(false);
            proof.Add(await Subtree(nodes, start, k, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// MTH(D[start:start+n]). In RFC 9162's recursion every left part is a perfect subtree aligned to its size, and a
    /// right part ends at the tree's edge, so it splits into O(log n) stored perfect subtrees.
    /// </summary>
    private static async ValueTask<byte[]> Subtree(IMerkleNodeSource nodes, long start, long n, CancellationToken cancellationToken)
    {
        if ((n & (n - 1)) == 0 && start % n == 0)
        {
            return await nodes.Node(63 - (int)long.LeadingZeroCount(n), start / n, cancellationToken).ConfigureAwait(false);
        }

        var k = MerkleHash.Split(n);
        var left = await Subtree(nodes, start, k, cancellationToken).ConfigureAwait(false);
        var right = await Subtree(nodes, start + k, n - k, cancellationToken).ConfigureAwait(false);
        return MerkleHash.Node(left, right);
    }
}
