using Payments.Domain.Decisions;
using Payments.Domain.Events;
using Payments.Domain.Requests;
using Payments.Domain.Serialization;
using Payments.Domain.State;
using Payments.EventStore.Contract;

namespace Payments.Application.Ledger;

/// <summary>
/// The application service between callers and the event store: load a payment by folding its
/// stream, decide, append with the expected version. Every writer (API, worker) goes through it.
/// </summary>
public sealed class PaymentLedger(IEventStore store, TimeProvider time)
{
    private readonly PaymentIdSequence _ids = new();

    public IEventStore Store => store;

    /// <summary>
    /// Idempotency keys are scoped per client: two clients may use the same key. The encoding stays <c>client/key</c>,
    /// the form every existing data directory and DynamoDB table already holds its claims in, so a client retrying after
    /// an upgrade still finds its payment and no migration is needed. It is unambiguous because a client id can never
    /// contain '/' (<see cref="ClientIdFormat"/>, enforced when API keys are loaded and again here): the scope is
    /// everything before the first '/', the key (which may hold '/') everything after.
    /// </summary>
    /// <exception cref="ArgumentException">The client id is not of <see cref="ClientIdFormat"/>.</exception>
    public static string ScopedKey(string clientId, IdempotencyKey key) =>
        ClientIdFormat.IsValid(clientId)
            ? $"{clientId}/{key.Value}"
            : throw new ArgumentException($"Client id {ClientIdFormat.Quote(clientId ?? "")} would make an ambiguous idempotency scope; it must be {ClientIdFormat.Rule}.", nameof(clientId));

    public async Task<RequestOutcome> Request(
        string clientId, IdempotencyKey key, ValidPaymentRequest request, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var paymentId = _ids.Next(now);
        var command = new PaymentCommand.RequestPayment(paymentId, clientId, key, request);
        var decision = PaymentDecider.Decide(command, Payment.Initial, now);
        var fingerprint = request.Fingerprint();
        var result = await store.Append(
            StreamId.For(paymentId),
            ExpectedVersion.NoStream,
            Encode(decision.Events, metadata),
            new UniqueKeyClaim(ScopedKey(clientId, key), fingerprint),
            cancellationToken).ConfigureAwait(false);

        return result switch
        {
            AppendResult.Appended => Accepted(PaymentFold.Replay(decision.Events)),
            AppendResult.UniqueKeyTaken taken => new RequestOutcome.KeyAlreadyUsed(
                Guid.Parse(taken.OwnerStream.Value), string.Equals(taken.OwnerFingerprint, fingerprint, StringComparison.Ordinal)),
            _ => throw new InvalidOperationException($"Unexpected append result {result}"),
        };
    }

    /// <summary>The payment folded from its full history; <see cref="PaymentStatus.None"/> when it does not exist.</summary>
    public async Task<Payment> Load(Guid paymentId, CancellationToken cancellationToken)
    {
        var events = await store.ReadStream(StreamId.For(paymentId), 1, cancellationToken).ConfigureAwait(false);
        return PaymentFold.Replay(events.Select(Decode));
    }

    /// <summary>The payment now and folded up to <paramref name="point"/>, from one read of its stream.</summary>
    public async Task<PaymentAtPoint> LoadAt(Guid paymentId, HistoryPoint point, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(point);
        var events = await store.ReadStream(StreamId.For(paymentId), 1, cancellationToken).ConfigureAwait(false);
        var history = events.Select(Decode).ToList();
        var included = point.EventsIncluded(events);
        return new PaymentAtPoint(PaymentFold.Replay(history), included is > 0 ? PaymentFold.Replay(history.Take(included.Value)) : null);
    }

    /// <summary>
    /// Loads, decides and appends. A concurrent writer surfaces as <see cref="WrongExpectedVersionException"/>:
    /// the caller reloads and decides again, so two workers can never both advance a payment.
    /// </summary>
    public async Task<CommandOutcome> Execute(Guid paymentId, PaymentCommand command, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var state = await Load(paymentId, cancellationToken).ConfigureAwait(false);
        return await Execute(state, command, metadata, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Decides against a state the caller already holds and appends at its version: a worker that just appended
    /// carries the state on instead of reading the stream back. A stale state is refused by the expected version.
    /// </summary>
    public async Task<CommandOutcome> Execute(Payment state, PaymentCommand command, EventMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var paymentId = state.PaymentId;
        var decision = PaymentDecider.Decide(command, state, time.GetUtcNow());
        if (!decision.IsAccepted)
        {
            return new CommandOutcome(state, decision.Rejection);
        }

        await store.Append(StreamId.For(paymentId), ExpectedVersion.At(state.Version), Encode(decision.Events, metadata), null, cancellationToken)
            .ConfigureAwait(false);
        var after = decision.Events.Aggregate(state, PaymentFold.Evolve);
        LedgerMetrics.Changed(state, after);
        return new CommandOutcome(after, null);
    }

    private static RequestOutcome.Accepted Accepted(Payment payment)
    {
        LedgerMetrics.Accepted(payment);
        return new RequestOutcome.Accepted(payment);
    }

    public static PaymentEvent Decode(StoredEvent stored) => PaymentEventCodec.Decode(stored.Type, stored.SchemaVersion, stored.Data);

    private static List<NewEvent> Encode(IReadOnlyList<PaymentEvent> events, EventMetadata metadata) =>
        events.Select(e =>
        {
            var encoded = PaymentEventCodec.Encode(e);
            return new NewEvent(encoded.Type, encoded.SchemaVersion, encoded.Data, metadata);
        }).ToList();
}
