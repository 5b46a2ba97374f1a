namespace Payments.EventStore.Audit;

/// <summary>Where the perfect subtree roots of a tree live (a SQLite table, a DynamoDB table, memory).</summary>
public interface IMerkleNodeSource
{
    /// <exception cref="KeyNotFoundException">No such node has been stored: the tree is smaller than asked.</exception>
    ValueTask<byte[]> Node(int level, long index, CancellationToken cancellationToken);
}
