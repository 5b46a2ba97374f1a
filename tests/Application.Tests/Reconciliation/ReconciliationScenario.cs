using Microsoft.Extensions.Time.Testing;
using Payments.Application.Reconciliation;
using Payments.Domain.Events;
using Payments.Domain.Ramps;
using Payments.Domain.Serialization;
using Payments.Embedded.EventStore;
using Payments.EventStore.Contract;
using Payments.TestServices;

namespace Payments.Application.Tests.Reconciliation;

/// <summary>
/// A ledger (a real SQLite event store) and a provider's statement seeded by hand, so each test writes exactly the
/// histories and statement lines it is about, including histories the decider would never write.
/// </summary>
internal sealed class ReconciliationScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset PeriodStart = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private readonly SqliteEventStore _store;
    private readonly RequestedIndex _requested = new();
    private readonly ScriptedStatement _statement = new();

    public ReconciliationScenario()
    {
        Time = new FakeTimeProvider(PeriodStart.AddMinutes(70));
        _store = SqliteEventStore.Open(_directory.File("events.db"), Time);
    }

    public FakeTimeProvider Time { get; }

    public static ReconciliationPeriod Hour => ReconciliationPeriod.Of(PeriodStart, PeriodStart.AddHours(1));

    public static DateTimeOffset At(int minutes) => PeriodStart.AddMinutes(minutes);

    /// <summary>Writes the payment's history (PaymentRequested first, then <paramref name="history"/>) and lists it as requested at <paramref name="requestedAt"/>.</summary>
    public async Task<Guid> Payment(DateTimeOffset requestedAt, decimal amount, string currency, params PaymentEvent[] history)
    {
        var id = Guid.CreateVersion7(requestedAt);
        PaymentEvent[] events =
        [
            new PaymentEvent.PaymentRequested(id, "client-a", "key-" + id.ToString("N"), "fingerprint", amount, currency, "DE89370400440532013000", "MX-CLABE-032180000118359719", requestedAt),
            .. history,
        ];
        var encoded = events.Select(PaymentEventCodec.Encode).Select(e => new NewEvent(e.Type, e.SchemaVersion, e.Data, new EventMetadata("test", null, "test"))).ToList();
        await _store.Append(StreamId.For(id), ExpectedVersion.NoStream, encoded, null);
        _requested.Add(id, requestedAt);
        return id;
    }

    /// <summary>A line on the provider's statement for the payment's leg.</summary>
    public void Executed(Guid paymentId, RampLeg leg, string transactionId, decimal amount, string? currency, DateTimeOffset at) =>
        _statement.Add(new SettlementStatementLine(transactionId, RampRequestKey.For(paymentId, leg).Value, leg, amount, currency, at));

    public void Executed(SettlementStatementLine line) => _statement.Add(line);

    public Task<ReconciliationReport> Reconcile(ReconciliationPeriod period, TimeSpan? stuckAfter = null) =>
        new PaymentReconciler(_store, _requested, _statement, new ReconciliationOptions { StuckAfter = stuckAfter ?? TimeSpan.FromMinutes(15) }, Time)
            .Reconcile(period, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    public static PaymentEvent Started(int minute) => new PaymentEvent.PaymentProcessingStarted(At(minute));

    public static PaymentEvent OnRamp(string transactionId, decimal usdc, int minute) => new PaymentEvent.OnRampCompleted(transactionId, usdc, "USDC", 1.08m, At(minute));

    public static PaymentEvent OffRamp(string transactionId, decimal fiat, string currency, int minute) => new PaymentEvent.OffRampCompleted(transactionId, fiat, currency, 0.9259m, At(minute));

    public static PaymentEvent Completed(int minute) => new PaymentEvent.PaymentCompleted(At(minute));

    public static PaymentEvent Failed(int minute) => new PaymentEvent.PaymentFailed("the payout failed", At(minute));

    private sealed class RequestedIndex : IRequestedPaymentIndex
    {
        private readonly List<(Guid Id, DateTimeOffset At)> _payments = [];

        public void Add(Guid id, DateTimeOffset at) => _payments.Add((id, at));

        public Task<IReadOnlyList<Guid>> RequestedBetween(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Guid>>([.. _payments.Where(p => p.At >= from && p.At < to).Select(p => p.Id)]);
    }

    private sealed class ScriptedStatement : IRampStatements
    {
        private readonly List<SettlementStatementLine> _lines = [];

        public void Add(SettlementStatementLine line) => _lines.Add(line);

        public Task<IReadOnlyList<SettlementStatementLine>> Statement(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SettlementStatementLine>>([.. _lines.Where(l => l.ExecutedAt >= from && l.ExecutedAt < to).OrderBy(l => l.ExecutedAt)]);
    }
}
