using Payments.Domain.Ramps;
using FsCheck;
using FsCheck.Fluent;
using Payments.Domain.Decisions;
using Payments.Domain.Events;
using Payments.Domain.Requests;
using Payments.Domain.Serialization;
using Payments.Domain.State;
using Payments.EventStore.Contract;

namespace Payments.Projections.Tests.Support;

/// <summary>
/// Valid payment histories, made the way the ledger makes them: random commands run through the
/// decider, keeping what it accepts. (Same idea as Domain.Tests' generator; no project reference.)
/// </summary>
public static class PaymentStreams
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static readonly Gen<PaymentCommand> LaterCommand = Gen.OneOf(
        Gen.Constant<PaymentCommand>(new PaymentCommand.StartProcessing()),
        Gen.Choose(1, 999).Select(n => (PaymentCommand)new PaymentCommand.CompleteOnRamp($"on-{n}", n * 1.1m, 1.08m)),
        Gen.Elements("declined", "limit").Select(r => (PaymentCommand)new PaymentCommand.FailOnRamp(r)),
        Gen.Choose(1, 999).Select(n => (PaymentCommand)new PaymentCommand.CompleteOffRamp($"off-{n}", n + 0.25m, 0.92m)),
        Gen.Constant<PaymentCommand>(new PaymentCommand.FailOffRamp("bank closed")),
        Gen.Constant<PaymentCommand>(new PaymentCommand.FailPayment("dead-lettered")),
        Gen.Elements(RampLeg.OnRamp, RampLeg.OffRamp, RampLeg.Reversal).Select(l => (PaymentCommand)new PaymentCommand.RecordUnknownOutcome(l, "timed out")),
        Gen.Choose(1, 999).Select(n => (PaymentCommand)new PaymentCommand.CompleteReversal($"rev-{n}", n + 0.5m, 0.92m)),
        Gen.Constant<PaymentCommand>(new PaymentCommand.RefuseReversal("refused")));

    /// <summary>A payment's history: always requested, then whatever random later commands the decider accepted.</summary>
    public static Gen<List<PaymentEvent>> History(Guid paymentId, string clientId) =>
        from amount in Gen.Choose(1, 100_000).Select(cents => cents / 100m)
        from currency in Gen.Elements("EUR", "USD", "GBP")
        from commands in LaterCommand.ListOf()
        select Decide(paymentId, clientId, amount, currency, commands);

    public static Gen<List<List<StoredEvent>>> ManyPayments(int max) =>
        from count in Gen.Choose(1, max)
        from histories in Gen.CollectToList(Enumerable.Range(0, count).Select(i => History(Id(i), i % 2 == 0 ? "client_a" : "client_b")))
        select histories.Select((h, i) => Stored(Id(i), h)).ToList();

    public static List<PaymentEvent> Decide(Guid paymentId, string clientId, decimal amount, string currency, IEnumerable<PaymentCommand> later)
    {
        PaymentRequestValidator.Validate(new PaymentRequest(amount, currency, "IBAN-SRC-1", "IBAN-DST-2"), out var request);
        var commands = new List<PaymentCommand> { new PaymentCommand.RequestPayment(paymentId, clientId, IdempotencyKey.Parse("key-" + paymentId.ToString("N")), request!) };
        commands.AddRange(later);
        var state = Payment.Initial;
        var history = new List<PaymentEvent>();
        var now = Epoch;
        foreach (var command in commands)
        {
            now = now.AddSeconds(1);
            foreach (var e in PaymentDecider.Decide(command, state, now).Events)
            {
                history.Add(e);
                state = PaymentFold.Evolve(state, e);
            }
        }

        return history;
    }

    public static List<StoredEvent> Stored(Guid paymentId, IReadOnlyList<PaymentEvent> history) =>
        history.Select((e, i) =>
        {
            var encoded = PaymentEventCodec.Encode(e);
            return new StoredEvent(StreamId.For(paymentId), i + 1, 0, encoded.Type, encoded.SchemaVersion, Epoch, encoded.Data, new EventMetadata("c", null, "test"), "h");
        }).ToList();

    public static IReadOnlyList<NewEvent> ToNew(IEnumerable<PaymentEvent> events) =>
        events.Select(e =>
        {
            var encoded = PaymentEventCodec.Encode(e);
            return new NewEvent(encoded.Type, encoded.SchemaVersion, encoded.Data, new EventMetadata("corr", null, "test"));
        }).ToList();

    public static Payment Fold(IEnumerable<StoredEvent> stream) =>
        PaymentFold.Replay(stream.Select(e => PaymentEventCodec.Decode(e.Type, e.SchemaVersion, e.Data)));

    /// <summary>Deterministic UUIDv7-shaped ids whose text order is index order, like production's time order.</summary>
    public static Guid Id(int index) => Guid.Parse($"019ab000-0000-7000-8000-{index:x12}");
}
