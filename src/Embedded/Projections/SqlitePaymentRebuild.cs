using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Consumers;
using Payments.Embedded.Consumers;
using Payments.EventStore.Contract;
using Payments.Projections.Projector;

namespace Payments.Embedded.Projections;

/// <summary>
/// Recomputes the embedded payments table from the whole log: the checkpoint goes back to 0 first (so a crash part way
/// leaves a projection that simply resumes), then the rows and the parked events go, then the projection consumer
/// catches up. The projector has no side effects, so a rebuild never re-sends a webhook or calls a ramp.
/// </summary>
public static class SqlitePaymentRebuild
{
    /// <summary>Returns how many events the rebuilt projection went past.</summary>
    public static async Task<long> Run(IEventLog log, SqlitePaymentReadModel readModel, SqliteConsumerStore consumerStore, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readModel);
        ArgumentNullException.ThrowIfNull(consumerStore);
        const string Consumer = PaymentProjectionConsumer.ConsumerName;
        await consumerStore.Save(Consumer, 0, cancellationToken).ConfigureAwait(false);
        await using (var batch = readModel.BeginBatch())
        {
            await batch.Clear(cancellationToken).ConfigureAwait(false);
            await batch.Commit(cancellationToken).ConfigureAwait(false);
        }

        foreach (var parked in await consumerStore.List(Consumer, cancellationToken).ConfigureAwait(false))
        {
            await consumerStore.Release(Consumer, parked.Position, cancellationToken).ConfigureAwait(false);
        }

        var projection = new EventLogSubscription(
            new PaymentProjectionConsumer(new PaymentProjector(log), readModel), log, consumerStore, consumerStore, PaymentProjectionConsumer.Policy, time, NullLogger.Instance);
        return await projection.CatchUp(cancellationToken).ConfigureAwait(false);
    }
}
