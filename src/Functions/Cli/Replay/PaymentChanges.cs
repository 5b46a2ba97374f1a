using Payments.Domain.State;

namespace Payments.Functions.Cli.Replay;

/// <summary>
/// The fields a person checks in a payment's history (money, transaction ids, what went wrong) that differ between
/// two states, as <c>name=value</c>. Amounts are <see cref="ExactAmount"/>s: never rounded to a currency's digits.
/// </summary>
internal static class PaymentChanges
{
    private static readonly (string Name, Func<Payment, string?> Value)[] Watched =
    [
        ("client", p => Text(p.ClientId)),
        ("amount", p => p.Currency.Length == 0 ? null : $"{ExactAmount.In(p.Amount, p.Currency)} {p.Currency}"),
        ("on_ramp_tx", p => p.OnRampTxId),
        ("stablecoin", p => Exact(p.StablecoinAmount)),
        ("on_ramp_rate", p => Exact(p.OnRampRate)),
        ("on_ramp_failure", p => p.OnRampFailure),
        ("off_ramp_tx", p => p.OffRampTxId),
        ("payout", p => p.PayoutAmount is { } payout ? ExactAmount.In(payout, p.Currency) : null),
        ("off_ramp_rate", p => Exact(p.OffRampRate)),
        ("off_ramp_failure", p => p.OffRampFailure),
        ("reversal_tx", p => p.ReversalTxId),
        ("reversed", p => p.ReversedAmount is { } reversed ? ExactAmount.In(reversed, p.Currency) : null),
        ("reversal_refusal", p => p.ReversalRefusal),
        ("attention", p => p.Attention),
        ("error_code", p => p.ErrorCode),
        ("error", p => p.ErrorMessage),
    ];

    public static IReadOnlyList<string> Between(Payment before, Payment after) =>
    [
        .. Watched
            .Select(field => (field.Name, Before: field.Value(before), After: field.Value(after)))
            .Where(field => !string.Equals(field.Before, field.After, StringComparison.Ordinal))
            .Select(field => field.After is null ? $"{field.Name} cleared" : $"{field.Name}={field.After}"),
    ];

    private static string? Text(string value) => value.Length == 0 ? null : value;

    private static string? Exact(decimal? value) => value is { } known ? ExactAmount.Of(known) : null;
}
