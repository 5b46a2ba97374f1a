namespace Payments.Domain.Ramps;

/// <summary>Fiat → USD stablecoin. Idempotent by <see cref="OnRampRequest.Key"/>: a repeated key returns the original transaction.</summary>
public interface IOnRampProvider
{
    /// <exception cref="RampUnavailableException">Nothing converted; safe to retry with the same key.</exception>
    /// <exception cref="RampOutcomeUnknownException">Sent without an answer; look it up before assuming anything.</exception>
    Task<RampResult> Convert(OnRampRequest request, CancellationToken cancellationToken);

    /// <summary>What the provider did for <paramref name="key"/>; null when it has no record of the request.</summary>
    /// <exception cref="RampUnavailableException">The provider could not be asked.</exception>
    Task<RampResult?> LookupConversion(RampRequestKey key, CancellationToken cancellationToken);
}
