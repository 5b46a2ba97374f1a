using System.ComponentModel;
using System.Globalization;
using Payments.Domain.State;

namespace Payments.Application.Webhooks.Payloads;

/// <summary>
/// The <c>data</c> of a payment webhook: the payment as <c>GET /payments/{id}</c> shows it, as of the ledger event
/// that caused the webhook, plus <see cref="Sequence"/> (that event's version) so a receiver can order what it gets
/// and drop a stale or repeated one. Amounts are decimal strings, never floats.
/// </summary>
public sealed record PaymentWebhookData(
    [property: Description("The payment's id.")] Guid PaymentId,
    [property: Description("PENDING, PROCESSING, COMPLETED or FAILED.")] string Status,
    [property: Description("The requested amount in the payment's currency, as a decimal string.")] string Amount,
    [property: Description("ISO 4217 code of the source currency.")] string Currency,
    string SourceAccount,
    string DestinationAccount,
    [property: Description("The Idempotency-Key the payment was created with.")] string IdempotencyKey,
    string? OnRampTxId,
    [property: Description("USD stablecoin bought by the on-ramp, six decimals.")] string? StablecoinAmount,
    string? OffRampTxId,
    [property: Description("Fiat paid out to the destination account.")] string? PayoutAmount,
    string? ErrorMessage,
    [property: Description("Stable failure code of a FAILED payment: on_ramp_refused, on_ramp_unavailable, payout_failed_funds_returned, abandoned.")] string? ErrorCode,
    [property: Description("The transaction that returned converted funds to the source account.")] string? ReversalTxId,
    [property: Description("Why the payment waits on a lookup or an operator; null when nothing is wrong.")] string? Attention,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessedAt,
    [property: Description("The version of the payment's event this webhook reports; higher is newer. Use it to order and de-duplicate.")] long Sequence)
{
    public static PaymentWebhookData From(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var currency = Domain.Money.Currency.Find(payment.Currency);
        return new PaymentWebhookData(
            payment.PaymentId,
            payment.Status.ToString().ToUpperInvariant(),
            currency.Format(payment.Amount),
            payment.Currency,
            payment.SourceAccount,
            payment.DestinationAccount,
            payment.IdempotencyKey,
            payment.OnRampTxId,
            payment.StablecoinAmount?.ToString("F6", CultureInfo.InvariantCulture),
            payment.OffRampTxId,
            payment.PayoutAmount is { } payout ? currency.Format(payout) : null,
            payment.ErrorMessage,
            payment.ErrorCode,
            payment.ReversalTxId,
            payment.Attention,
            payment.CreatedAt,
            payment.UpdatedAt,
            payment.ProcessedAt,
            payment.Version);
    }
}
