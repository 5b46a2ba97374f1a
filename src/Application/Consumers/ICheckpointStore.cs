namespace Payments.Application.Consumers;

/// <summary>Where a consumer's position in the log survives restarts. Kept beside what the consumer writes, so dropping its output resets it.</summary>
public interface ICheckpointStore
{
    /// <summary>Global position of the last event the consumer is done with; 0 before the first.</summary>
    Task<long> Load(string consumer, CancellationToken cancellationToken);

    Task Save(string consumer, long position, CancellationToken cancellationToken);
}
