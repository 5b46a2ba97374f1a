using Payments.Domain.Ramps;

namespace Payments.Application.Worker;

/// <summary>
/// Retries a ramp call on transient faults with exponential backoff on the injected clock. Hand-written rather
/// than a Polly pipeline: one exception type, one delay rule, and tests drive it with a fake clock.
/// Safe because every call for a leg carries the same request key.
/// </summary>
internal sealed class RampRetry(WorkerOptions options, TimeProvider time, ILogger logger)
{
    /// <exception cref="RampUnavailableException">Still unavailable after the last attempt; the message names the leg.</exception>
    public async Task<RampResult> Run(RampRequestKey key, RampLeg leg, Func<CancellationToken, Task<RampResult>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (RampUnavailableException) when (attempt < options.RampAttempts)
            {
                var delay = options.RampBackoff * Math.Pow(2, attempt - 1);
                WorkerLog.RampRetry(logger, key.Value, attempt, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (RampUnavailableException e)
            {
                var name = leg == RampLeg.OnRamp ? "on-ramp" : "off-ramp";
                throw new RampUnavailableException($"{name} unavailable after {attempt} calls: {e.Message}", e);
            }
        }
    }
}
