using Payments.EventStore.Audit;

namespace Payments.EventStore.Tests.Audit;

/// <summary>A tree kept in a dictionary, built through the production frontier, for the prover to read.</summary>
internal sealed class InMemoryMerkleNodes : IMerkleNodeSource
{
    private readonly Dictionary<(int, long), byte[]> _nodes = [];
    private readonly MerkleFrontier _frontier = MerkleFrontier.Empty();

    public long Size => _frontier.Size;

    public byte[] Root => _frontier.Root();

    public void Append(byte[] leafHash)
    {
        foreach (var node in _frontier.Append(leafHash))
        {
            _nodes[(node.Level, node.Index)] = node.Hash;
        }
    }

    public ValueTask<byte[]> Node(int level, long index, CancellationToken cancellationToken) =>
        _nodes.TryGetValue((level, index), out var hash) ? ValueTask.FromResult(hash) : throw new KeyNotFoundException($"node {level}/{index}");
}
