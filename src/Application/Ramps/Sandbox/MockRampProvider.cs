using Payments.Domain.Money;
using Payments.Domain.Ramps;

namespace Payments.Application.Ramps.Sandbox;

/// <summary>
/// The bundled on- and off-ramp: each call takes 100–300 ms on the injected clock, may fail transiently at the
/// configured rate, converts at <see cref="UsdRates"/>, and is idempotent by request key through the durable
/// <see cref="IRampExecutionLog"/>, so a retried, redelivered or resumed leg never converts twice.
/// </summary>
public sealed class MockRampProvider(IRampExecutionLog log, MockRampOptions options, TimeProvider time) : IOnRampProvider, IOffRampProvider
{
    private readonly Random _random = options.Seed is { } seed ? new Random(seed) : new Random();
    private readonly Lock _randomGate = new();

    public Task<RampResult> Convert(OnRampRequest request, CancellationToken cancellationToken) =>
        Execute(request.Key, RampLeg.OnRamp, () => OnRamp(request), cancellationToken);

    public Task<RampResult> Payout(OffRampRequest request, CancellationToken cancellationToken) =>
        Execute(request.Key, RampLeg.OffRamp, () => OffRamp(request), cancellationToken);

    private async Task<RampResult> Execute(RampRequestKey key, RampLeg leg, Func<RampTransaction> convert, CancellationToken cancellationToken)
    {
        var (latency, fails) = Roll();
        await Task.Delay(latency, time, cancellationToken).ConfigureAwait(false);
        if (fails)
        {
            throw new RampUnavailableException($"{Describe(leg)} provider unavailable (injected fault)");
        }

        var existing = await log.FindAndCountCall(key, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing.ToResult();
        }

        var recorded = await log.Record(convert(), cancellationToken).ConfigureAwait(false);
        return recorded.ToResult();
    }

    private RampTransaction OnRamp(OnRampRequest request)
    {
        if (!UsdRates.TryFind(request.FiatCurrency, out var usdPerUnit))
        {
            return Refusal(request.Key, RampLeg.OnRamp, $"currency {request.FiatCurrency} is not supported");
        }

        var stablecoin = Stablecoin.Round(request.FiatAmount * usdPerUnit);
        return new RampTransaction(request.Key.Value, RampLeg.OnRamp, NewTransactionId("onr"), stablecoin, usdPerUnit, null);
    }

    private RampTransaction OffRamp(OffRampRequest request)
    {
        if (!UsdRates.TryFind(request.FiatCurrency, out var usdPerUnit) || !Currency.TryFind(request.FiatCurrency, out var currency))
        {
            return Refusal(request.Key, RampLeg.OffRamp, $"currency {request.FiatCurrency} is not supported");
        }

        var fiatPerStablecoin = decimal.Round(1m / usdPerUnit, 8);
        var fiat = decimal.Round(request.StablecoinAmount / usdPerUnit, currency.MinorUnits, MidpointRounding.ToZero);
        return new RampTransaction(request.Key.Value, RampLeg.OffRamp, NewTransactionId("ofr"), fiat, fiatPerStablecoin, null);
    }

    private (TimeSpan Latency, bool Fails) Roll()
    {
        lock (_randomGate)
        {
            var spread = options.MaxLatency - options.MinLatency;
            var latency = options.MinLatency + (spread * _random.NextDouble());
            return (latency, _random.NextDouble() < options.FailureRate);
        }
    }

    private string NewTransactionId(string prefix) => $"{prefix}_{Guid.CreateVersion7(time.GetUtcNow()):N}";

    private static RampTransaction Refusal(RampRequestKey key, RampLeg leg, string reason) => new(key.Value, leg, null, 0m, 0m, reason);

    private static string Describe(RampLeg leg) => leg == RampLeg.OnRamp ? "on-ramp" : "off-ramp";
}
