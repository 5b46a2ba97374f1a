namespace Payments.Domain.Ramps;

/// <summary>Fiat → USD stablecoin. Idempotent by <see cref="OnRampRequest.Key"/>: a repeated key returns the original transaction.</summary>
public interface IOnRampProvider
{
    /// <exception cref="RampUnavailableException">Transient fault; nothing converted, safe to retry with the same key.</exception>
    Task<RampResult> Convert(OnRampRequest request, CancellationToken cancellationToken);
}
