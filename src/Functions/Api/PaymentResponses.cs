using System.Globalization;
using Payments.Domain.Money;
using Payments.Domain.State;
using Payments.Functions.Api.Contracts;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Api;

/// <summary>Maps the fold and the read model onto the one public payment shape.</summary>
public static class PaymentResponses
{
    public static string StatusName(PaymentStatus status) => status.ToString().ToUpperInvariant();

    public static PaymentResponse From(Payment p) => From(PaymentRecord.From(p));

    public static PaymentResponse From(PaymentRecord p)
    {
        var currency = Currency.Find(p.Currency);
        return new PaymentResponse(
            p.PaymentId,
            StatusName(p.Status),
            currency.Format(p.Amount),
            p.Currency,
            p.SourceAccount,
            p.DestinationAccount,
            p.IdempotencyKey,
            p.OnRampTxId,
            p.StablecoinAmount?.ToString("F6", CultureInfo.InvariantCulture),
            p.OffRampTxId,
            p.PayoutAmount is { } payout ? currency.Format(payout) : null,
            p.ErrorMessage,
            p.ErrorCode,
            p.ReversalTxId,
            p.Attention,
            p.CreatedAt,
            p.UpdatedAt,
            p.ProcessedAt,
            p.Version);
    }
}
