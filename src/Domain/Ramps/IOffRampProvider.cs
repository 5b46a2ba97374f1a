namespace Payments.Domain.Ramps;

/// <summary>
/// USD stablecoin → fiat payout. Idempotent by <see cref="OffRampRequest.Key"/>: a repeated key returns the original
/// transaction. The reversal leg is a payout too: back into the source currency, to the source account, under its own key.
/// </summary>
public interface IOffRampProvider
{
    /// <exception cref="RampUnavailableException">Nothing paid out; safe to retry with the same key.</exception>
    /// <exception cref="RampOutcomeUnknownException">Sent without an answer; look it up before assuming anything.</exception>
    Task<RampResult> Payout(OffRampRequest request, CancellationToken cancellationToken);

    /// <summary>What the provider did for <paramref name="key"/>; null when it has no record of the request.</summary>
    /// <exception cref="RampUnavailableException">The provider could not be asked.</exception>
    Task<RampResult?> LookupPayout(RampRequestKey key, CancellationToken cancellationToken);
}
