using System.Collections.Concurrent;
using Payments.Application.Ledger;
using Payments.Domain.Ramps;
using Payments.EventStore.Contract;

namespace Payments.Application.Reconciliation;

/// <summary>
/// Finance's reconciliation of a period [from, to) against the providers' settlement statements. Every finding
/// belongs to exactly one period, so consecutive periods report each anomaly once:
/// a statement line to the period it executed in; a payment (its own checks, its summary, a leg no statement shows)
/// to the period it was requested in. The ledger side is always the payment's folded event stream, never the read model,
/// which only says which payments were requested when.
/// </summary>
public sealed class PaymentReconciler(
    IEventReader events, IRequestedPaymentIndex requested, IRampStatements statements, ReconciliationOptions options, TimeProvider time)
{
    private const int ParallelReads = 8;

    public async Task<ReconciliationReport> Reconcile(ReconciliationPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var now = time.GetUtcNow();
        var requestedIds = await requested.RequestedBetween(period.From, period.To, cancellationToken).ConfigureAwait(false);

        // A payment requested near the end of the period may execute its legs after it: its lines are read up to now,
        // to tell "executed later" from "never executed", but only lines executed in the period are reported on.
        var lines = await statements.Statement(period.From, period.To > now ? period.To : now, cancellationToken).ConfigureAwait(false);
        var executedInPeriod = lines.Where(l => period.Contains(l.ExecutedAt)).ToList();
        var ledger = await Load(requestedIds.Concat(PaymentsNamedBy(executedInPeriod)).Distinct(), cancellationToken).ConfigureAwait(false);
        var payments = requestedIds.Select(ledger.GetValueOrDefault).OfType<LedgerPayment>().ToList();

        var (matched, lineAnomalies) = StatementMatching.Lines(executedInPeriod, ledger);
        var linesByKey = lines.GroupBy(l => l.RequestKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var anomalies = lineAnomalies
            .Concat(StatementMatching.Unstated(payments, lines))
            .Concat(payments.SelectMany(p => PaymentChecks.Of(p, now, options.StuckAfter, linesByKey)));

        return new ReconciliationReport(
            period.From,
            period.To,
            now,
            options.StuckAfter,
            payments.Count,
            executedInPeriod.Count,
            matched,
            CurrencySummaries.Of(payments.Select(p => p.State)),
            Anomalies.Ordered(anomalies));
    }

    private static IEnumerable<Guid> PaymentsNamedBy(IEnumerable<SettlementStatementLine> lines) =>
        lines.Select(l => RampRequestKey.TryParse(l.RequestKey, out var key) ? key.PaymentId : (Guid?)null).OfType<Guid>();

    /// <summary>Each payment folded from its stream; a payment with no events is left out (a line naming it is then missing in the ledger).</summary>
    private async Task<Dictionary<Guid, LedgerPayment>> Load(IEnumerable<Guid> paymentIds, CancellationToken cancellationToken)
    {
        var loaded = new ConcurrentDictionary<Guid, LedgerPayment>();
        await Parallel.ForEachAsync(
            paymentIds,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                var stream = await events.ReadStream(StreamId.For(id), 1, ct).ConfigureAwait(false);
                if (stream.Count > 0)
                {
                    loaded[id] = LedgerPayment.From([.. stream.Select(PaymentLedger.Decode)]);
                }
            }).ConfigureAwait(false);
        return new Dictionary<Guid, LedgerPayment>(loaded);
    }
}
