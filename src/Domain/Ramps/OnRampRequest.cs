namespace Payments.Domain.Ramps;

/// <summary>Convert <paramref name="FiatAmount"/> of <paramref name="FiatCurrency"/> from the source account into the USD stablecoin.</summary>
public sealed record OnRampRequest(RampRequestKey Key, decimal FiatAmount, string FiatCurrency, string SourceAccount);
