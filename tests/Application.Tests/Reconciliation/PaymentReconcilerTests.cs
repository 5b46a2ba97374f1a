using System.Globalization;
using System.Text.Json;
using Payments.Application.Reconciliation;
using Payments.Domain.Events;
using Payments.Domain.Ramps;
using static Payments.Application.Tests.Reconciliation.ReconciliationScenario;

namespace Payments.Application.Tests.Reconciliation;

/// <summary>
/// The reconciler over a seeded ledger and statement: the period is 09:00–10:00, the clock reads 10:10, and a payment
/// PROCESSING for 15 minutes is stuck.
/// </summary>
public sealed class PaymentReconcilerTests : IAsyncLifetime
{
    private readonly ReconciliationScenario _scenario = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task Every_seeded_anomaly_is_reported_exactly_once_and_nothing_else()
    {
        var clean = await Settled("a", minute: 1);
        var unresolved = await _scenario.Payment(At(57), 100.00m, "EUR", Started(57), new PaymentEvent.RampOutcomeUnknown(RampLeg.OnRamp, "no answer", At(58)));
        _scenario.Executed(unresolved, RampLeg.OnRamp, "onr_b", 108.000000m, "USDC", At(57));
        var neverRecorded = Guid.CreateVersion7(At(20));
        _scenario.Executed(neverRecorded, RampLeg.OffRamp, "ofr_c", 40.00m, "EUR", At(20));
        _scenario.Executed(new SettlementStatementLine("onr_x", "somebody-elses-reference", RampLeg.OnRamp, 5m, "USDC", At(21)));
        var unstated = await Settled("d", minute: 5, offRampStated: false);
        var stuck = await _scenario.Payment(At(10), 100.00m, "EUR", Started(10), OnRamp("onr_e", 108.000000m, 11));
        _scenario.Executed(stuck, RampLeg.OnRamp, "onr_e", 108.000000m, "USDC", At(11));
        var wrongAmount = await Settled("f", minute: 30, statedAmount: 99.99m);
        var wrongCurrency = await Settled("g", minute: 31, statedCurrency: "GBP");
        var withoutId = await _scenario.Payment(At(40), 100.00m, "EUR", Started(40), OnRamp("onr_h", 108.000000m, 41), OffRamp(" ", 100.00m, "EUR", 42), Completed(42));
        _scenario.Executed(withoutId, RampLeg.OnRamp, "onr_h", 108.000000m, "USDC", At(41));
        _scenario.Executed(withoutId, RampLeg.OffRamp, "ofr_h", 100.00m, "EUR", At(42));
        var notReturned = await _scenario.Payment(At(45), 100.00m, "EUR", Started(45), OnRamp("onr_i", 108.000000m, 46), Failed(47));
        _scenario.Executed(notReturned, RampLeg.OnRamp, "onr_i", 108.000000m, "USDC", At(46));

        var report = await _scenario.Reconcile(Hour);

        (AnomalyKind, Guid?, RampLeg?)[] expected =
        [
            (AnomalyKind.MissingInLedger, unresolved, RampLeg.OnRamp),
            (AnomalyKind.MissingInLedger, neverRecorded, RampLeg.OffRamp),
            (AnomalyKind.MissingInLedger, null, RampLeg.OnRamp),
            (AnomalyKind.MissingAtProvider, unstated, RampLeg.OffRamp),
            (AnomalyKind.AmountMismatch, wrongAmount, RampLeg.OffRamp),
            (AnomalyKind.CurrencyMismatch, wrongCurrency, RampLeg.OffRamp),
            (AnomalyKind.CompletedWithoutTxIds, withoutId, null),
            (AnomalyKind.StuckProcessing, stuck, null),
            (AnomalyKind.FailedWithoutReversal, notReturned, null),
        ];
        var found = report.Anomalies.Select(a => (a.Kind, a.PaymentId, a.Leg)).ToList();
        Assert.Equal(expected.Length, found.Count);
        Assert.Equal(expected.ToHashSet(), found.ToHashSet());
        Assert.Equal((8, 14, 8), (report.Payments, report.StatementLines, report.MatchedLegs));
        Assert.DoesNotContain(report.Anomalies, a => a.PaymentId == clean);
        Assert.False(report.Clean);

        Assert.Contains("unknown outcome", Single(report, AnomalyKind.MissingInLedger, unresolved).Detail, StringComparison.Ordinal);
        Assert.Contains("ofr_h", Single(report, AnomalyKind.CompletedWithoutTxIds, withoutId).Detail, StringComparison.Ordinal);
        var mismatch = Single(report, AnomalyKind.AmountMismatch, wrongAmount);
        Assert.Equal(("ofr_f", 100.00m, "EUR", 99.99m, "EUR"), (mismatch.TransactionId, mismatch.LedgerAmount, mismatch.LedgerCurrency, mismatch.ProviderAmount, mismatch.ProviderCurrency));
    }

    [Fact]
    public async Task Clean_period_reports_nothing_and_matches_every_leg_executed_in_it()
    {
        await Settled("a", minute: 1);
        var reversed = await _scenario.Payment(
            At(2), 250.00m, "EUR", Started(2), OnRamp("onr_j", 270.000000m, 2), new PaymentEvent.OffRampFailed("refused", At(3)),
            new PaymentEvent.ReversalCompleted("rev_j", 249.99m, "EUR", 1.08m, At(4)), Failed(4));
        _scenario.Executed(reversed, RampLeg.OnRamp, "onr_j", 270.000000m, "USDC", At(2));
        _scenario.Executed(reversed, RampLeg.Reversal, "rev_j", 249.99m, "EUR", At(4));
        await _scenario.Payment(At(3), 10m, "XTS", Started(3), new PaymentEvent.OnRampFailed("currency XTS is not supported", At(3)), Failed(3));
        var earlier = await _scenario.Payment(At(-30), 100.00m, "EUR", Started(-30), OnRamp("onr_k", 108.000000m, -29), OffRamp("ofr_k", 100.00m, "EUR", 5), Completed(5));
        _scenario.Executed(earlier, RampLeg.OnRamp, "onr_k", 108.000000m, "USDC", At(-29));
        _scenario.Executed(earlier, RampLeg.OffRamp, "ofr_k", 100.00m, "EUR", At(5));
        await Settled("l", minute: 59, offRampMinute: 61);

        var report = await _scenario.Reconcile(Hour);

        Assert.True(report.Clean, string.Join("; ", report.Anomalies.Select(a => a.Detail)));
        Assert.Empty(report.Anomalies);
        Assert.Equal((4, 6, 6), (report.Payments, report.StatementLines, report.MatchedLegs));
    }

    [Fact]
    public async Task Consecutive_periods_report_each_finding_once_in_the_period_it_belongs_to()
    {
        var straddling = await Settled("l", minute: 59, offRampMinute: 61);
        var unstated = await Settled("d", minute: 5, offRampStated: false);
        var unresolved = await _scenario.Payment(At(50), 100.00m, "EUR", Started(50), OnRamp("onr_u", 108.000000m, 50), new PaymentEvent.RampOutcomeUnknown(RampLeg.OffRamp, "no answer", At(66)));
        _scenario.Executed(unresolved, RampLeg.OnRamp, "onr_u", 108.000000m, "USDC", At(50));
        _scenario.Executed(unresolved, RampLeg.OffRamp, "ofr_u", 100.00m, "EUR", At(65));

        var first = await _scenario.Reconcile(Hour, stuckAfter: TimeSpan.FromHours(1));
        var second = await _scenario.Reconcile(ReconciliationPeriod.Of(At(60), At(120)), stuckAfter: TimeSpan.FromHours(1));

        Assert.Equal([(AnomalyKind.MissingAtProvider, unstated)], first.Anomalies.Select(a => (a.Kind, a.PaymentId!.Value)));
        Assert.Equal([(AnomalyKind.MissingInLedger, unresolved)], second.Anomalies.Select(a => (a.Kind, a.PaymentId!.Value)));
        Assert.Equal((3, 1), (first.MatchedLegs, second.MatchedLegs));
        Assert.DoesNotContain(first.Anomalies.Concat(second.Anomalies), a => a.PaymentId == straddling);
    }

    [Fact]
    public async Task Payment_is_stuck_once_processing_has_lasted_the_threshold_and_not_a_tick_sooner()
    {
        var now = _scenario.Time.GetUtcNow();
        var stuck = await _scenario.Payment(At(1), 1.00m, "EUR", new PaymentEvent.PaymentProcessingStarted(now.AddMinutes(-15)));
        await _scenario.Payment(At(2), 1.00m, "EUR", new PaymentEvent.PaymentProcessingStarted(now.AddMinutes(-15).AddTicks(1)));
        await _scenario.Payment(At(3), 1.00m, "EUR");

        var report = await _scenario.Reconcile(Hour);

        Assert.Equal([(AnomalyKind.StuckProcessing, stuck)], report.Anomalies.Select(a => (a.Kind, a.PaymentId!.Value)));
    }

    [Fact]
    public async Task Summary_per_currency_counts_and_sums_exactly_what_was_requested_completed_failed_and_reversed()
    {
        await _scenario.Payment(At(1), 0.10m, "EUR", Started(1), OnRamp("onr_1", 0.108000m, 1), OffRamp("ofr_1", 0.10m, "EUR", 2), Completed(2));
        await _scenario.Payment(
            At(2), 0.20m, "EUR", Started(2), OnRamp("onr_2", 0.216000m, 2), new PaymentEvent.OffRampFailed("refused", At(3)),
            new PaymentEvent.ReversalCompleted("rev_2", 0.19m, "EUR", 1.08m, At(3)), Failed(3));
        await _scenario.Payment(At(3), 1_000_000.01m, "EUR");
        await _scenario.Payment(At(4), 5.00m, "GBP", Started(4), OnRamp("onr_4", 6.350000m, 4), OffRamp("ofr_4", 5.00m, "GBP", 5), Completed(5));
        await _scenario.Payment(At(5), 100m, "JPY", Started(5), new PaymentEvent.OnRampFailed("limit", At(5)), Failed(5));

        var report = await _scenario.Reconcile(Hour);

        Assert.Equal(
            [
                new CurrencySummary("EUR", new(3, 1_000_000.31m), new(1, 0.10m), new(1, 0.20m), new(1, 0.19m)),
                new CurrencySummary("GBP", new(1, 5.00m), new(1, 5.00m), ReconciliationTally.Zero, ReconciliationTally.Zero),
                new CurrencySummary("JPY", new(1, 100m), ReconciliationTally.Zero, new(1, 100m), ReconciliationTally.Zero),
            ],
            report.Currencies);
        Assert.Equal(("0.00", "0"), (report.Currencies[1].Failed.Amount.ToString(CultureInfo.InvariantCulture), report.Currencies[2].Completed.Amount.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Amounts_are_written_with_at_least_their_currencys_digits_and_never_rounded()
    {
        var id = await _scenario.Payment(At(1), 250m, "EUR", Started(1), OnRamp("onr_s", 270m, 1), OffRamp("ofr_s", 250m, "EUR", 2), Completed(2));
        _scenario.Executed(id, RampLeg.OnRamp, "onr_s", 270m, "USDC", At(1));
        _scenario.Executed(id, RampLeg.OffRamp, "ofr_s", 249.999m, "EUR", At(2));

        var report = await _scenario.Reconcile(Hour);

        var mismatch = Single(report, AnomalyKind.AmountMismatch, id);
        Assert.Equal(("250.00", "249.999"), (Text(mismatch.LedgerAmount), Text(mismatch.ProviderAmount)));
        Assert.Equal("the provider settled 249.999 EUR; the ledger records 250.00 EUR", mismatch.Detail);
        Assert.Equal(1, report.MatchedLegs);
        Assert.Equal("250.00", Text(report.Currencies.Single().Requested.Amount));
    }

    [Fact]
    public async Task Report_serializes_snake_case_with_amounts_as_exact_decimal_strings()
    {
        var wrongAmount = await Settled("f", minute: 30, statedAmount: 99.990m);

        var report = await _scenario.Reconcile(Hour);
        var json = JsonSerializer.Serialize(report, ReconciliationJsonContext.Default.ReconciliationReport);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal(
            ["from", "to", "generated_at", "stuck_after", "payments", "statement_lines", "matched_legs", "currencies", "anomalies", "clean"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("00:15:00", root.GetProperty("stuck_after").GetString());
        var eur = root.GetProperty("currencies")[0];
        Assert.Equal(("EUR", 1, "100.00"), (eur.GetProperty("currency").GetString(), eur.GetProperty("requested").GetProperty("count").GetInt32(), eur.GetProperty("requested").GetProperty("amount").GetString()));
        var anomaly = root.GetProperty("anomalies")[0];
        Assert.Equal(
            ("amount_mismatch", "off_ramp", "100.00", "99.990", wrongAmount.ToString("D")),
            (anomaly.GetProperty("kind").GetString(), anomaly.GetProperty("leg").GetString(), anomaly.GetProperty("ledger_amount").GetString(),
             anomaly.GetProperty("provider_amount").GetString(), anomaly.GetProperty("payment_id").GetString()));
        var back = JsonSerializer.Deserialize(json, ReconciliationJsonContext.Default.ReconciliationReport)!;
        Assert.Equal(report.Anomalies, back.Anomalies);
        Assert.Equal(report.Currencies, back.Currencies);
    }

    /// <summary>A payment that completed both legs, paid out <paramref name="offRampMinute"/> (default a minute after the request); both lines on the statement unless told otherwise.</summary>
    private async Task<Guid> Settled(
        string name, int minute, int? offRampMinute = null, decimal statedAmount = 100.00m, string statedCurrency = "EUR", bool offRampStated = true)
    {
        var payout = offRampMinute ?? minute + 1;
        var id = await _scenario.Payment(
            At(minute), 100.00m, "EUR", Started(minute), OnRamp("onr_" + name, 108.000000m, minute), OffRamp("ofr_" + name, 100.00m, "EUR", payout), Completed(payout));
        _scenario.Executed(id, RampLeg.OnRamp, "onr_" + name, 108.000000m, "USDC", At(minute));
        if (offRampStated)
        {
            _scenario.Executed(id, RampLeg.OffRamp, "ofr_" + name, statedAmount, statedCurrency, At(payout));
        }

        return id;
    }

    private static string Text(decimal? amount) => amount!.Value.ToString(CultureInfo.InvariantCulture);

    private static ReconciliationAnomaly Single(ReconciliationReport report, AnomalyKind kind, Guid paymentId) =>
        Assert.Single(report.Anomalies, a => a.Kind == kind && a.PaymentId == paymentId);
}
