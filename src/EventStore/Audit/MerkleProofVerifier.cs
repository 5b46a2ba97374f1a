namespace Payments.EventStore.Audit;

/// <summary>
/// Checks proofs the way a client holding only a signed root would: RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2
/// (consistency). Used by `audit verify --bundle`, which must trust nothing but the checkpoint.
/// </summary>
public static class MerkleProofVerifier
{
    public static bool VerifyInclusion(byte[] leafHash, long index, long size, IReadOnlyList<byte[]> path, byte[] root)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (index < 0 || index >= size)
        {
            return false;
        }

        long fn = index;
        var sn = size - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    public static bool VerifyConsistency(long from, long to, IReadOnlyList<byte[]> proof, byte[] fromRoot, byte[] toRoot)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (from < 0 || from > to)
        {
            return false;
        }

        if (from == to)
        {
            return proof.Count == 0 && fromRoot.AsSpan().SequenceEqual(toRoot);
        }

        if (from == 0)
        {
            return proof.Count == 0;
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var path = proof.ToList();
        if ((from & (from - 1)) == 0)
        {
            path.Insert(0, fromRoot);
        }

        long fn = from - 1;
        var sn = to - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(fromRoot) && sr.AsSpan().SequenceEqual(toRoot);
    }
}
