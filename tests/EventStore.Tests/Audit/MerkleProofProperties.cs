using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Payments.EventStore.Audit;

namespace Payments.EventStore.Tests.Audit;

/// <summary>The prover's roots and proofs, checked by <see cref="Rfc9162Verifier"/> (independent) over random tree sizes.</summary>
public sealed class MerkleProofProperties
{
    private static readonly Gen<(int Size, int Index)> SizeAndIndex =
        from size in Gen.Choose(1, 600)
        from index in Gen.Choose(0, size - 1)
        select (size, index);

    private static readonly Gen<(int From, int To)> TwoSizes =
        from to in Gen.Choose(1, 600)
        from older in Gen.Choose(0, to)
        select (older, to);

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Root_equals_the_rfc_definition_at_every_size() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 600)), size =>
        {
            var (tree, data) = Build(size);
            return tree.Root.AsSpan().SequenceEqual(Rfc9162Verifier.Mth(data))
                && MerkleProofs.Root(tree, size, default).AsTask().Result.AsSpan().SequenceEqual(tree.Root);
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Every_inclusion_proof_verifies_against_the_root_of_its_tree_size() =>
        Prop.ForAll(Arb.From(SizeAndIndex), t =>
        {
            var (tree, data) = Build(t.Size);
            var path = MerkleProofs.Inclusion(tree, t.Index, t.Size, default).Result;
            var leaf = Rfc9162Verifier.LeafHash(data[t.Index]);
            var root = Rfc9162Verifier.Mth(data);
            return Rfc9162Verifier.Inclusion(leaf, t.Index, t.Size, path, root)
                && MerkleProofVerifier.VerifyInclusion(leaf, t.Index, t.Size, path, root);
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Inclusion_proofs_for_an_older_tree_size_verify_against_that_sizes_root() =>
        Prop.ForAll(Arb.From(TwoSizes.Where(s => s.From > 0)), t =>
        {
            var (tree, data) = Build(t.To);
            var index = t.From / 2;
            var path = MerkleProofs.Inclusion(tree, index, t.From, default).Result;
            var oldRoot = Rfc9162Verifier.Mth(data.Take(t.From).ToList());
            return Rfc9162Verifier.Inclusion(Rfc9162Verifier.LeafHash(data[index]), index, t.From, path, oldRoot);
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property A_tampered_inclusion_proof_or_wrong_leaf_fails_both_verifiers() =>
        Prop.ForAll(Arb.From(SizeAndIndex.Where(t => t.Size > 1)), t =>
        {
            var (tree, data) = Build(t.Size);
            var path = MerkleProofs.Inclusion(tree, t.Index, t.Size, default).Result.Select(p => (byte[])p.Clone()).ToList();
            var root = Rfc9162Verifier.Mth(data);
            var leaf = Rfc9162Verifier.LeafHash(data[t.Index]);
            var otherLeaf = Rfc9162Verifier.LeafHash(data[(t.Index + 1) % t.Size]);
            var wrongLeaf = !Rfc9162Verifier.Inclusion(otherLeaf, t.Index, t.Size, path, root) && !MerkleProofVerifier.VerifyInclusion(otherLeaf, t.Index, t.Size, path, root);
            path[t.Index % path.Count][0] ^= 1;
            var tampered = !Rfc9162Verifier.Inclusion(leaf, t.Index, t.Size, path, root) && !MerkleProofVerifier.VerifyInclusion(leaf, t.Index, t.Size, path, root);
            return wrongLeaf && tampered;
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Every_consistency_proof_verifies_between_the_two_roots() =>
        Prop.ForAll(Arb.From(TwoSizes), t =>
        {
            var (tree, data) = Build(t.To);
            var proof = MerkleProofs.Consistency(tree, t.From, t.To, default).Result;
            var oldRoot = Rfc9162Verifier.Mth(data.Take(t.From).ToList());
            var newRoot = Rfc9162Verifier.Mth(data);
            return Rfc9162Verifier.Consistency(t.From, t.To, proof, oldRoot, newRoot)
                && MerkleProofVerifier.VerifyConsistency(t.From, t.To, proof, oldRoot, newRoot);
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property A_rewritten_prefix_fails_consistency_with_the_old_root() =>
        Prop.ForAll(Arb.From(TwoSizes.Where(s => s.From > 0 && s.From < s.To)), t =>
        {
            var (_, data) = Build(t.To);
            var oldRoot = Rfc9162Verifier.Mth(data.Take(t.From).ToList());
            // Someone rewrites one early leaf and rebuilds the tree: the new root cannot be proven to extend the old.
            var forged = data.ToList();
            forged[(t.From - 1) / 2] = Encoding.UTF8.GetBytes("rewritten");
            var forgedTree = new InMemoryMerkleNodes();
            forged.ForEach(d => forgedTree.Append(MerkleHash.Leaf(d)));
            var proof = MerkleProofs.Consistency(forgedTree, t.From, t.To, default).Result;
            return !Rfc9162Verifier.Consistency(t.From, t.To, proof, oldRoot, forgedTree.Root)
                && !MerkleProofVerifier.VerifyConsistency(t.From, t.To, proof, oldRoot, forgedTree.Root);
        });

    [Fact]
    public void Known_answer_from_the_rfc_6962_test_vectors()
    {
        // Certificate Transparency's reference vectors: the root over the eight leaves of its test suite.
        byte[][] leaves =
        [
            [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43], [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
            [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
        ];
        var tree = new InMemoryMerkleNodes();
        foreach (var leaf in leaves)
        {
            tree.Append(MerkleHash.Leaf(leaf));
        }

        Assert.Equal("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328", Convert.ToHexStringLower(tree.Root));
    }

    private static (InMemoryMerkleNodes Tree, List<byte[]> Data) Build(int size)
    {
        var tree = new InMemoryMerkleNodes();
        var data = Enumerable.Range(0, size).Select(i => Encoding.UTF8.GetBytes($"event {i}")).ToList();
        data.ForEach(d => tree.Append(MerkleHash.Leaf(d)));
        return (tree, data);
    }
}
