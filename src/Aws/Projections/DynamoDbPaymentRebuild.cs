using Payments.Aws.EventStore;
using Payments.Domain.Serialization;
using Payments.Domain.State;
using Payments.Projections.ReadModel;

namespace Payments.Aws.Projections;

/// <summary>
/// Recomputes the cloud payments table from the event log: every stream is folded and its row
/// overwritten, and rows no stream backs are deleted. Only rows are written, so no webhook or ramp
/// call is replayed. Safe to run while the Streams projector is live: both write the fold of the
/// same stream, and the projector's version condition keeps a late record from going backwards.
/// </summary>
public static class DynamoDbPaymentRebuild
{
    public static async Task<(int Payments, long Events, int Removed)> Run(DynamoDbEventStore log, DynamoDbPaymentReadModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var streams = await log.StreamIds(cancellationToken).ConfigureAwait(false);
        long events = 0;
        foreach (var stream in streams)
        {
            var history = await log.ReadStream(stream, 1, cancellationToken).ConfigureAwait(false);
            events += history.Count;
            var state = PaymentFold.Replay(history.Select(e => PaymentEventCodec.Decode(e.Type, e.SchemaVersion, e.Data)));
            await model.Overwrite(PaymentRecord.From(state), cancellationToken).ConfigureAwait(false);
        }

        var backed = streams.Select(s => Guid.Parse(s.Value)).ToHashSet();
        var removed = 0;
        foreach (var orphan in (await model.AllPaymentIds(cancellationToken).ConfigureAwait(false)).Where(id => !backed.Contains(id)))
        {
            await model.Delete(orphan, cancellationToken).ConfigureAwait(false);
            removed++;
        }

        return (streams.Count, events, removed);
    }
}
