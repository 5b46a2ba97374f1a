using Payments.Domain.Decisions;
using Payments.Domain.Events;
using Payments.Domain.Requests;
using Payments.Domain.State;

namespace Payments.Bench.Micro;

/// <summary>
/// Inputs shared by the micro-benchmarks. Histories come from running commands through the decider,
/// as the ledger does, so every one is a history the store could really hold and the fold accepts.
/// </summary>
internal static class SandwichHistory
{
    public static readonly Guid PaymentId = Guid.Parse("7d9f8a52-52a4-4f0e-9d33-000000000001");

    private const string OnRampTxId = "onramp_tx_01JD7Q3V9K2M4N6P8R0STUVWXY";

    private static readonly DateTimeOffset Epoch = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A cross-border request of typical size; IBAN-length accounts so string checks see real lengths.</summary>
    public static PaymentRequest Request() => new(1_250.00m, "EUR", "DE89370400440532013000", "FR7630006000011234567890189");

    /// <summary>The happy path: requested, started, on-ramp, off-ramp and completed (five events).</summary>
    public static IReadOnlyList<PaymentEvent> Completed() => Decide(
        new PaymentCommand.StartProcessing(),
        new PaymentCommand.CompleteOnRamp(OnRampTxId, 1_356.375m, 1.0851m),
        new PaymentCommand.CompleteOffRamp("offramp_tx_01JD7Q4B2C5D7F9G1H3JKLMNPQ", 1_249.49m, 0.9212m));

    /// <summary>Funds reached the stablecoin, the payout was refused and the stablecoin went back by reversal (six events).</summary>
    public static IReadOnlyList<PaymentEvent> OffRampFailed() => Decide(
        new PaymentCommand.StartProcessing(),
        new PaymentCommand.CompleteOnRamp(OnRampTxId, 1_356.375m, 1.0851m),
        new PaymentCommand.FailOffRamp("destination bank rejected the payout: account closed"),
        new PaymentCommand.CompleteReversal("reversal_tx_01JD7Q4B2C5D7F9G1H3JKLMNPR", 1_249.49m, 0.9212m));

    private static List<PaymentEvent> Decide(params PaymentCommand[] afterRequest)
    {
        var errors = PaymentRequestValidator.Validate(Request(), out var valid);
        if (valid is null)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        PaymentCommand[] commands =
        [
            new PaymentCommand.RequestPayment(PaymentId, "client_acme_payroll", IdempotencyKey.Parse("payroll-2026-11-25-000123"), valid),
            .. afterRequest,
        ];
        var state = Payment.Initial;
        var history = new List<PaymentEvent>();
        var now = Epoch;
        foreach (var command in commands)
        {
            // Ramp legs take 100–300 ms, so timestamps carry sub-second digits as stored ones do.
            now = now.AddMilliseconds(187);
            var decision = PaymentDecider.Decide(command, state, now);
            if (decision.Rejection is { } rejection)
            {
                throw new InvalidOperationException($"{rejection.Code}: {rejection.Reason}");
            }

            foreach (var @event in decision.Events)
            {
                history.Add(@event);
                state = PaymentFold.Evolve(state, @event);
            }
        }

        return history;
    }
}
