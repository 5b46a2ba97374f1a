using Payments.Domain.Money;

namespace Payments.Application.Reconciliation;

/// <summary>
/// Writes an amount with at least its currency's digits ("250" EUR as "250.00", USDC with six), the way finance reads a
/// statement. Only zeros are added: an amount with more digits keeps them all, so nothing is ever rounded away.
/// </summary>
internal static class MinorUnits
{
    public static decimal Scaled(decimal amount, string? currency) =>
        Digits(currency) is { } digits ? amount + new decimal(0, 0, 0, false, (byte)digits) : amount;

    public static decimal? Scaled(decimal? amount, string? currency) => amount is { } known ? Scaled(known, currency) : null;

    private static int? Digits(string? currency) =>
        string.Equals(currency, Stablecoin.Symbol, StringComparison.Ordinal) ? Stablecoin.Decimals
        : Currency.TryFind(currency, out var known) ? known.MinorUnits
        : null;
}
