using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Domain.Serialization;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Projections.ReadModel;

namespace Payments.Projections.Projector;

/// <summary>
/// Applies one stored event to the payments read model, whatever the trigger (Streams Lambda or
/// the embedded tailer). Idempotent and order-safe: a version at or below the row's is a duplicate;
/// the next version is evolved onto the row; a later one means records were skipped or reordered, so
/// the row is refolded from the event store. Either way the row ends equal to the fold of the stream.
/// It has no side effects beyond the row, so replays and rebuilds are always safe.
/// </summary>
public sealed class PaymentProjector(IEventReader events, ILogger<PaymentProjector>? logger = null)
{
    private const int MaxRaces = 20;

    private readonly ILogger _logger = logger ?? NullLogger<PaymentProjector>.Instance;

    public async Task<ProjectionOutcome> Apply(StoredEvent stored, IPaymentProjectionStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(store);
        var paymentId = Guid.Parse(stored.StreamId.Value);
        var @event = PaymentEventCodec.Decode(stored.Type, stored.SchemaVersion, stored.Data);
        for (var race = 0; ; race++)
        {
            var row = await store.Load(paymentId, cancellationToken).ConfigureAwait(false);
            var rowVersion = row?.Version ?? 0;
            if (stored.Version <= rowVersion)
            {
                return ProjectionOutcome.Duplicate;
            }

            var next = stored.Version == rowVersion + 1 ? TryEvolve(row, @event) : null;
            var outcome = next is null ? ProjectionOutcome.Healed : ProjectionOutcome.Applied;
            next ??= await Refold(stored.StreamId, stored.Version, cancellationToken).ConfigureAwait(false);
            if (next.PaymentId != paymentId)
            {
                throw new InvalidOperationException($"Stream {stored.StreamId} holds events of payment {next.PaymentId}; refusing to project it.");
            }

            if (await store.Save(PaymentRecord.From(next), rowVersion, cancellationToken).ConfigureAwait(false))
            {
                if (outcome == ProjectionOutcome.Healed)
                {
                    ProjectorLog.Healed(_logger, paymentId, stored.Version, rowVersion);
                }

                return outcome;
            }

            if (race >= MaxRaces)
            {
                throw new InvalidOperationException($"Payment {paymentId}: gave up after {MaxRaces} lost write races at version {stored.Version}.");
            }

            ProjectorLog.LostRace(_logger, paymentId, stored.Version);
        }
    }

    private static Payment? TryEvolve(PaymentRecord? row, Domain.Events.PaymentEvent @event)
    {
        try
        {
            return PaymentFold.Evolve(PaymentRecordState.ToPayment(row), @event);
        }
        catch (IllegalPaymentHistoryException)
        {
            // The row lacks a fold-only field this transition checks; the stream itself is the authority.
            return null;
        }
    }

    private async Task<Payment> Refold(StreamId stream, long atLeast, CancellationToken cancellationToken)
    {
        var history = await events.ReadStream(stream, 1, cancellationToken).ConfigureAwait(false);
        var state = PaymentFold.Replay(history.Select(e => PaymentEventCodec.Decode(e.Type, e.SchemaVersion, e.Data)));
        return state.Version >= atLeast
            ? state
            : throw new InvalidOperationException($"Payment {stream}: the event store has {state.Version} events but version {atLeast} was delivered.");
    }
}
