namespace Payments.Domain.Money;

/// <summary>An ISO 4217 currency the ledger settles in, with its minor-unit digits.</summary>
public sealed record Currency
{
    private Currency(string code, int minorUnits, decimal maximumAmount)
    {
        Code = code;
        MinorUnits = minorUnits;
        MaximumAmount = maximumAmount;
    }

    public string Code { get; }

    /// <summary>ISO 4217 exponent: 2 for USD (cents), 0 for JPY.</summary>
    public int MinorUnits { get; }

    /// <summary>Largest single payment accepted, in major units.</summary>
    public decimal MaximumAmount { get; }

    public static readonly Currency Usd = new("USD", 2, 10_000_000m);
    public static readonly Currency Eur = new("EUR", 2, 10_000_000m);
    public static readonly Currency Gbp = new("GBP", 2, 10_000_000m);
    public static readonly Currency Jpy = new("JPY", 0, 1_500_000_000m);
    public static readonly Currency Mxn = new("MXN", 2, 200_000_000m);
    public static readonly Currency Brl = new("BRL", 2, 50_000_000m);
    public static readonly Currency Ngn = new("NGN", 2, 15_000_000_000m);
    public static readonly Currency Inr = new("INR", 2, 850_000_000m);
    public static readonly Currency Php = new("PHP", 2, 580_000_000m);

    public static IReadOnlyList<Currency> Supported { get; } = [Usd, Eur, Gbp, Jpy, Mxn, Brl, Ngn, Inr, Php];

    /// <summary>Exact, case-sensitive lookup: ISO 4217 codes are upper case and "usd" is not accepted.</summary>
    public static bool TryFind(string? code, out Currency currency)
    {
        foreach (var candidate in Supported)
        {
            if (string.Equals(candidate.Code, code, StringComparison.Ordinal))
            {
                currency = candidate;
                return true;
            }
        }

        currency = Usd;
        return false;
    }

    public static Currency Find(string code) =>
        TryFind(code, out var currency) ? currency : throw new ArgumentException($"Unsupported currency '{code}'.", nameof(code));

    /// <summary>True when the amount needs no more decimals than the currency has (0.001 USD or 1.5 JPY do not fit).</summary>
    public bool FitsMinorUnits(decimal amount) => decimal.Round(amount, MinorUnits) == amount;

    /// <summary>Renders the amount with exactly the currency's minor digits, e.g. "10.50" or "1500".</summary>
    public string Format(decimal amount) =>
        amount.ToString("F" + MinorUnits.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => Code;
}
