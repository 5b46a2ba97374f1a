using System.Globalization;
using Payments.Domain.Money;

namespace Payments.Functions.Cli;

/// <summary>
/// Decimals as text people and spreadsheets read without loss: invariant digits, never an exponent, never rounded.
/// The API stores 125.50 as 125.5 when the client sent it so; an amount in a currency is padded to the currency's
/// minor digits (125.50 EUR), but a value with more digits than that keeps them all.
/// </summary>
internal static class ExactAmount
{
    public static string Of(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string In(decimal amount, string currencyCode) =>
        Currency.TryFind(currencyCode, out var currency) && amount.Scale < currency.MinorUnits
            ? amount.ToString("F" + currency.MinorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : Of(amount);
}
