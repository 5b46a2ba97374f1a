using Payments.Domain.Ramps;
using FsCheck;
using FsCheck.Fluent;
using Payments.Domain.Decisions;
using Payments.Domain.Events;
using Payments.Domain.Requests;
using Payments.Domain.State;

namespace Payments.Domain.Tests;

/// <summary>Generators of valid payment histories, built by running random commands through the decider.</summary>
public static class PaymentHistories
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static ValidPaymentRequest Request(decimal amount = 125.50m, string currency = "EUR")
    {
        var errors = PaymentRequestValidator.Validate(new PaymentRequest(amount, currency, "IBAN-SRC-1", "IBAN-DST-2"), out var valid);
        return errors.Count == 0 ? valid! : throw new InvalidOperationException(string.Join("; ", errors));
    }

    public static PaymentCommand.RequestPayment RequestCommand(Guid? id = null) =>
        new(id ?? Guid.NewGuid(), "client_a", IdempotencyKey.Parse("key-1"), Request());

    public static readonly Gen<PaymentCommand> AnyCommand = Gen.OneOf(
        Gen.Constant<PaymentCommand>(RequestCommand(Guid.Parse("7d9f8a52-52a4-4f0e-9d33-000000000001"))),
        Gen.Constant<PaymentCommand>(new PaymentCommand.StartProcessing()),
        Gen.Choose(1, 999).Select(n => (PaymentCommand)new PaymentCommand.CompleteOnRamp($"on-{n}", n * 1.1m, 1.08m)),
        Gen.Elements("declined", "limit").Select(r => (PaymentCommand)new PaymentCommand.FailOnRamp(r)),
        Gen.Choose(1, 999).Select(n => (PaymentCommand)new PaymentCommand.CompleteOffRamp($"off-{n}", n, 0.92m)),
        Gen.Elements("bank closed").Select(r => (PaymentCommand)new PaymentCommand.FailOffRamp(r)),
        Gen.Elements("dead-lettered").Select(r => (PaymentCommand)new PaymentCommand.FailPayment(r)),
        Gen.Elements(RampLeg.OnRamp, RampLeg.OffRamp, RampLeg.Reversal).Select(l => (PaymentCommand)new PaymentCommand.RecordUnknownOutcome(l, "timed out")),
        Gen.Choose(1, 999).Select(n => (PaymentCommand)new PaymentCommand.CompleteReversal($"rev-{n}", n, 0.92m)),
        Gen.Elements("reversal refused").Select(r => (PaymentCommand)new PaymentCommand.RefuseReversal(r)));

    /// <summary>A valid history: whatever the decider accepted from a random command sequence.</summary>
    public static readonly Gen<List<PaymentEvent>> AnyValidHistory =
        AnyCommand.ListOf().Select(commands =>
        {
            var state = Payment.Initial;
            var history = new List<PaymentEvent>();
            var now = Epoch;
            foreach (var command in commands)
            {
                now = now.AddSeconds(1);
                var decision = PaymentDecider.Decide(command, state, now);
                foreach (var e in decision.Events)
                {
                    history.Add(e);
                    state = PaymentFold.Evolve(state, e);
                }
            }

            return history;
        });

    public static readonly Gen<List<PaymentCommand>> AnyCommands = AnyCommand.ListOf().Select(l => l.ToList());
}
