using Payments.EventStore.Contract;

namespace Payments.Application.Consumers;

/// <summary>
/// One consumer of the ordered event log (projector, job dispatch, later webhook fan-out and audit sequencer). The same
/// consumer runs in both columns: embedded behind an <see cref="EventLogSubscription"/>, in the cloud behind a Streams
/// Lambda. Delivery is at least once: after a crash or a retry a page arrives again, so handling must be idempotent.
/// </summary>
public interface IEventConsumer
{
    /// <summary>Stable name: the key of the consumer's checkpoint and of its parked events.</summary>
    string Name { get; }

    /// <summary>Handles <paramref name="events"/>, in log order, as one unit: a throw means none of them may be assumed handled.</summary>
    Task Handle(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken);
}
