namespace Payments.Application.Ramps.Sandbox;

/// <summary>The mock providers' fixed price list: USD per one unit of each fiat currency (decimal, never floating point).</summary>
public static class UsdRates
{
    private static readonly Dictionary<string, decimal> PerUnit = new(StringComparer.Ordinal)
    {
        ["USD"] = 1m,
        ["EUR"] = 1.08m,
        ["GBP"] = 1.27m,
        ["JPY"] = 0.0067m,
        ["MXN"] = 0.058m,
        ["BRL"] = 0.20m,
        ["NGN"] = 0.00065m,
        ["INR"] = 0.012m,
        ["PHP"] = 0.017m,
    };

    public static bool TryFind(string currency, out decimal usdPerUnit) => PerUnit.TryGetValue(currency, out usdPerUnit);
}
