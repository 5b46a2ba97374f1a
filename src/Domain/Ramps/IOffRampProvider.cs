namespace Payments.Domain.Ramps;

/// <summary>USD stablecoin → fiat payout. Idempotent by <see cref="OffRampRequest.Key"/>: a repeated key returns the original transaction.</summary>
public interface IOffRampProvider
{
    /// <exception cref="RampUnavailableException">Transient fault; nothing paid out, safe to retry with the same key.</exception>
    Task<RampResult> Payout(OffRampRequest request, CancellationToken cancellationToken);
}
