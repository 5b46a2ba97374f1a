using Payments.Domain.Events;
using Payments.Domain.Ramps;

namespace Payments.Domain.State;

/// <summary>The one place a payment's state is computed: a pure left fold over its events.</summary>
public static class PaymentFold
{
    public static Payment Replay(IEnumerable<PaymentEvent> history) => history.Aggregate(Payment.Initial, Evolve);

    public static Payment Evolve(Payment state, PaymentEvent @event)
    {
        var rule = PaymentTransitions.Check(state, @event);
        if (rule is not null)
        {
            throw new IllegalPaymentHistoryException(
                $"Event {@event.GetType().Name} at version {state.Version + 1} of payment {state.PaymentId}: {rule}");
        }

        var next = @event switch
        {
            PaymentEvent.PaymentRequested e => Requested(e),
            PaymentEvent.PaymentProcessingStarted e => state with { Status = PaymentStatus.Processing, UpdatedAt = e.StartedAt },
            PaymentEvent.OnRampCompleted e => Settled(state) with
            {
                OnRampTxId = e.OnRampTxId,
                StablecoinAmount = e.StablecoinAmount,
                OnRampRate = e.Rate,
                UpdatedAt = e.CompletedAt,
            },
            PaymentEvent.OnRampFailed e => Settled(state) with { OnRampFailure = e.Reason, UpdatedAt = e.FailedAt },
            PaymentEvent.OffRampCompleted e => Settled(state) with
            {
                OffRampTxId = e.OffRampTxId,
                PayoutAmount = e.FiatAmount,
                OffRampRate = e.Rate,
                UpdatedAt = e.CompletedAt,
            },
            PaymentEvent.OffRampFailed e => Settled(state) with { OffRampFailure = e.Reason, UpdatedAt = e.FailedAt },
            PaymentEvent.RampOutcomeUnknown e => state with
            {
                UnknownOutcomeLeg = e.Leg,
                Attention = $"{RampLegNames.Of(e.Leg)} outcome unknown: {e.Reason}",
                UpdatedAt = e.At,
            },
            PaymentEvent.ReversalCompleted e => Settled(state) with
            {
                ReversalTxId = e.ReversalTxId,
                ReversedAmount = e.FiatAmount,
                ReversalRefusal = null,
                UpdatedAt = e.CompletedAt,
            },
            PaymentEvent.ReversalRefused e => Settled(state) with
            {
                ReversalRefusal = e.Reason,
                Attention = $"reversal refused, stablecoin held: {e.Reason}",
                UpdatedAt = e.RefusedAt,
            },
            PaymentEvent.PaymentCompleted e => state with
            {
                Status = PaymentStatus.Completed,
                UpdatedAt = e.CompletedAt,
                ProcessedAt = e.CompletedAt,
            },
            PaymentEvent.PaymentFailed e => state with
            {
                Status = PaymentStatus.Failed,
                ErrorCode = e.ErrorCode,
                ErrorMessage = e.ErrorMessage,
                UpdatedAt = e.FailedAt,
                ProcessedAt = e.FailedAt,
            },
            _ => throw new IllegalPaymentHistoryException($"Unknown payment event {@event.GetType().FullName}"),
        };
        return next with { Version = state.Version + 1 };
    }

    /// <summary>A leg settled either way: whatever was unknown about it is known now.</summary>
    private static Payment Settled(Payment state) => state with { UnknownOutcomeLeg = null, Attention = null };

    private static Payment Requested(PaymentEvent.PaymentRequested e) => new()
    {
        PaymentId = e.PaymentId,
        ClientId = e.ClientId,
        IdempotencyKey = e.IdempotencyKey,
        RequestFingerprint = e.RequestFingerprint,
        Amount = e.Amount,
        Currency = e.Currency,
        SourceAccount = e.SourceAccount,
        DestinationAccount = e.DestinationAccount,
        Status = PaymentStatus.Pending,
        CreatedAt = e.RequestedAt,
        UpdatedAt = e.RequestedAt,
    };
}
