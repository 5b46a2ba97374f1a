using Payments.Aws.EventStore;
using Payments.Domain.Serialization;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Projections.ReadModel;

namespace Payments.Aws.Projections;

/// <summary>
/// Recomputes the cloud payments table from the event log: every stream is folded and its row replaced, and rows no
/// stream backs are deleted. Only rows are written, so no webhook or ramp call is replayed. Safe to run while the
/// Streams projector is live: a row is replaced only when it is not newer than the fold (the projector may have
/// applied an event appended after the rebuild read the stream), and an orphan is deleted only while the log still
/// has no event for it. A row claiming a version the log does not have is corrupt and is replaced at exactly that
/// version.
/// </summary>
public static class DynamoDbPaymentRebuild
{
    /// <summary>Each try follows a newer event or row; a stream written this fast during a rebuild is left to the projector.</summary>
    private const int MaxTriesPerPayment = 10;

    public static async Task<(int Payments, long Events, int Removed)> Run(DynamoDbEventStore log, DynamoDbPaymentReadModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(model);
        var streams = await log.StreamIds(cancellationToken).ConfigureAwait(false);
        long events = 0;
        foreach (var stream in streams)
        {
            events += await Rebuild(log, model, stream, cancellationToken).ConfigureAwait(false);
        }

        var backed = streams.Select(s => Guid.Parse(s.Value)).ToHashSet();
        var removed = 0;
        foreach (var orphan in (await model.AllPaymentIds(cancellationToken).ConfigureAwait(false)).Where(id => !backed.Contains(id)))
        {
            // A payment created after the scan has events by now; its row is the projector's, not an orphan.
            if ((await log.ReadStream(StreamId.For(orphan), 1, cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                continue;
            }

            await model.Delete(orphan, cancellationToken).ConfigureAwait(false);
            removed++;
        }

        return (streams.Count, events, removed);
    }

    private static async Task<int> Rebuild(DynamoDbEventStore log, DynamoDbPaymentReadModel model, StreamId stream, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var history = await log.ReadStream(stream, 1, cancellationToken).ConfigureAwait(false);
            var record = PaymentRecord.From(PaymentFold.Replay(history.Select(e => PaymentEventCodec.Decode(e.Type, e.SchemaVersion, e.Data))));
            if (await model.Overwrite(record, cancellationToken).ConfigureAwait(false))
            {
                return history.Count;
            }

            // The row is newer than this fold: either the log moved on since it was read (fold again), or the row claims
            // a version the log does not have (replace exactly that row, so a projector write in between still wins).
            // The row is read before the log: a projector writes a row only after its event is in the log, so a newer
            // event behind the row found here is seen, and the conditional save loses to any write after it.
            if (await model.Find(record.PaymentId, cancellationToken).ConfigureAwait(false) is { } row
                && row.Version > record.Version
                && (await log.ReadStream(stream, record.Version + 1, cancellationToken).ConfigureAwait(false)).Count == 0
                && await model.Save(record, row.Version, cancellationToken).ConfigureAwait(false))
            {
                return history.Count;
            }

            if (attempt >= MaxTriesPerPayment)
            {
                throw new InvalidOperationException($"Rebuild of {stream} kept meeting a newer row or event after {attempt} tries; run it again when writes to it settle.");
            }
        }
    }
}
