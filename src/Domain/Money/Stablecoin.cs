namespace Payments.Domain.Money;

/// <summary>The USD stablecoin in the middle of the sandwich; amounts carry six decimals like USDC on chain.</summary>
public static class Stablecoin
{
    public const string Symbol = "USDC";
    public const int Decimals = 6;

    public static decimal Round(decimal amount) => decimal.Round(amount, Decimals, MidpointRounding.ToZero);
}
