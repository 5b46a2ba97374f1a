using Payments.Domain.Events;

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
            PaymentEvent.OnRampCompleted e => state with
            {
                OnRampTxId = e.OnRampTxId,
                StablecoinAmount = e.StablecoinAmount,
                OnRampRate = e.Rate,
                UpdatedAt = e.CompletedAt,
            },
            PaymentEvent.OnRampFailed e => state with { RampFailure = e.Reason, UpdatedAt = e.FailedAt },
            PaymentEvent.OffRampCompleted e => state with
            {
                OffRampTxId = e.OffRampTxId,
                PayoutAmount = e.FiatAmount,
                OffRampRate = e.Rate,
                UpdatedAt = e.CompletedAt,
            },
            PaymentEvent.OffRampFailed e => state with { RampFailure = e.Reason, UpdatedAt = e.FailedAt },
            PaymentEvent.PaymentCompleted e => state with
            {
                Status = PaymentStatus.Completed,
                UpdatedAt = e.CompletedAt,
                ProcessedAt = e.CompletedAt,
            },
            PaymentEvent.PaymentFailed e => state with
            {
                Status = PaymentStatus.Failed,
                ErrorMessage = e.ErrorMessage,
                UpdatedAt = e.FailedAt,
                ProcessedAt = e.FailedAt,
            },
            _ => throw new IllegalPaymentHistoryException($"Unknown payment event {@event.GetType().FullName}"),
        };
        return next with { Version = state.Version + 1 };
    }

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
