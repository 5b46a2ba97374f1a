namespace Payments.Application.Consumers;

/// <summary>The dead-letter table of the log consumers: events a consumer gave up on, with the error, for an operator.</summary>
public interface IParkedEventStore
{
    Task Park(ParkedEvent parked, CancellationToken cancellationToken);

    Task<IReadOnlyList<ParkedEvent>> List(string consumer, CancellationToken cancellationToken);

    /// <summary>Forgets a parked event once an operator has handled it again.</summary>
    Task Release(string consumer, long position, CancellationToken cancellationToken);
}
