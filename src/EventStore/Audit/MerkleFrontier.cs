namespace Payments.EventStore.Audit;

/// <summary>
/// A tree's right edge — the roots of its perfect subtrees, one per set bit of its size — which is all it takes to
/// append a leaf and to compute the root. Appending returns the nodes it completed, for storage.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<byte[]> _roots;

    private MerkleFrontier(long size, List<byte[]> roots)
    {
        Size = size;
        _roots = roots;
    }

    public long Size { get; private set; }

    public static MerkleFrontier Empty() => new(0, []);

    /// <summary>The frontier of a stored tree of <paramref name="size"/> leaves.</summary>
    public static async Task<MerkleFrontier> Load(IMerkleNodeSource nodes, long size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var roots = new List<byte[]>();
        long start = 0;
        for (var level = 62; level >= 0; level--)
        {
            if ((size & (1L << level)) != 0)
            {
                roots.Add(await nodes.Node(level, start >> level, cancellationToken).ConfigureAwait(false));
                start += 1L << level;
            }
        }

        return new MerkleFrontier(size, roots);
    }

    /// <summary>Adds the next leaf; returns the leaf node and every perfect subtree it completed.</summary>
    public IReadOnlyList<MerkleNode> Append(byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        var index = Size;
        var completed = new List<MerkleNode> { new(0, index, leafHash) };
        var hash = leafHash;
        var level = 0;
        // Each trailing 1 bit of the old size is a left sibling of equal height waiting on the right edge.
        while (((index >> level) & 1) == 1)
        {
            var left = _roots[^1];
            _roots.RemoveAt(_roots.Count - 1);
            hash = MerkleHash.Node(left, hash);
            level++;
            completed.Add(new MerkleNode(level, index >> level, hash));
        }

        _roots.Add(hash);
        Size++;
        return completed;
    }

    /// <summary>MTH over every leaf appended so far.</summary>
    public byte[] Root()
    {
        if (_roots.Count == 0)
        {
            return MerkleHash.Empty;
        }

        var root = _roots[^1];
        for (var i = _roots.Count - 2; i >= 0; i--)
        {
            root = MerkleHash.Node(_roots[i], root);
        }

        return root;
    }
}
