using System.Collections.Concurrent;
using Payments.Domain.Ramps;

namespace Payments.Application.Tests.Faults;

/// <summary>
/// Wraps the sandbox providers so the worker can "die" right after a provider executed a call and before the worker
/// appended what happened: the most dangerous moment for money, because only the provider knows.
/// </summary>
public sealed class CrashingRamps(IOnRampProvider onRamp, IOffRampProvider offRamp) : IOnRampProvider, IOffRampProvider
{
    private readonly ConcurrentDictionary<RampLeg, int> _armed = new();

    /// <summary>The next <paramref name="times"/> answered calls for <paramref name="leg"/> kill the worker after executing.</summary>
    public void CrashAfterExecuting(RampLeg leg, int times) => _armed.AddOrUpdate(leg, times, (_, n) => n + times);

    public async Task<RampResult> Convert(OnRampRequest request, CancellationToken cancellationToken) =>
        Survive(request.Key.Leg, await onRamp.Convert(request, cancellationToken));

    public async Task<RampResult> Payout(OffRampRequest request, CancellationToken cancellationToken) =>
        Survive(request.Key.Leg, await offRamp.Payout(request, cancellationToken));

    public Task<RampResult?> LookupConversion(RampRequestKey key, CancellationToken cancellationToken) => onRamp.LookupConversion(key, cancellationToken);

    public Task<RampResult?> LookupPayout(RampRequestKey key, CancellationToken cancellationToken) => offRamp.LookupPayout(key, cancellationToken);

    private RampResult Survive(RampLeg leg, RampResult result)
    {
        var left = _armed.GetValueOrDefault(leg);
        if (left > 0 && _armed.TryUpdate(leg, left - 1, left))
        {
            throw new WorkerDiedException();
        }

        return result;
    }
}
