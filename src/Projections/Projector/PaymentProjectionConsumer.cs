using Payments.Application.Consumers;
using Payments.EventStore.Contract;

namespace Payments.Projections.Projector;

/// <summary>
/// The projector as a log consumer: a page of events becomes one batch of read-model writes. The projector is
/// idempotent and order-safe, so a page delivered again is harmless. Embedded behind an <see cref="EventLogSubscription"/>,
/// cloud behind the Streams projector Lambda.
/// </summary>
public sealed class PaymentProjectionConsumer(PaymentProjector projector, IPaymentProjectionWriter readModel) : IEventConsumer
{
    public const string ConsumerName = "payments-projection";

    /// <summary>
    /// Park: the read model is derived and can be rebuilt, and one event it cannot apply must not freeze every
    /// payment's view. A parked event turns readiness unhealthy until an operator deals with it.
    /// </summary>
    public static PoisonPolicy Policy { get; } = PoisonPolicy.Park();

    public string Name => ConsumerName;

    public async Task Handle(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var span = ProjectionTracing.StartPage(events);
        await using var batch = await readModel.Begin(cancellationToken).ConfigureAwait(false);
        foreach (var stored in events)
        {
            await projector.Apply(stored, batch, cancellationToken).ConfigureAwait(false);
        }

        await batch.Commit(cancellationToken).ConfigureAwait(false);
    }
}
