namespace Payments.Domain.Ramps;

/// <summary>Convert <paramref name="StablecoinAmount"/> into <paramref name="FiatCurrency"/> and pay it to the destination account.</summary>
public sealed record OffRampRequest(RampRequestKey Key, decimal StablecoinAmount, string FiatCurrency, string DestinationAccount);
