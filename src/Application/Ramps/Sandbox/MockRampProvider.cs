using Payments.Domain.Money;
using Payments.Domain.Ramps;

namespace Payments.Application.Ramps.Sandbox;

/// <summary>
/// The bundled on- and off-ramp: each call takes 100–300 ms on the injected clock, converts at <see cref="UsdRates"/>,
/// and is idempotent by request key through the durable <see cref="IRampExecutionLog"/>, so a retried, redelivered
/// or resumed leg never converts twice. Faults come from a <see cref="RampFaultScript"/> when one is scripted, else
/// at the configured random rate (unavailable before executing). Reversals are payouts under the reversal key.
/// Its settlement statement is read from the same log: every transaction it executed, stamped with the currency that
/// came out and the time it executed on the injected clock.
/// </summary>
public sealed class MockRampProvider(IRampExecutionLog log, MockRampOptions options, TimeProvider time, RampFaultScript? script = null)
    : IOnRampProvider, IOffRampProvider, IRampStatements
{
    private readonly Random _random = options.Seed is { } seed ? new Random(seed) : new Random();
    private readonly Lock _randomGate = new();

    public Task<RampResult> Convert(OnRampRequest request, CancellationToken cancellationToken) =>
        Execute(request.Key, () => OnRamp(request), cancellationToken);

    public Task<RampResult> Payout(OffRampRequest request, CancellationToken cancellationToken) =>
        Execute(request.Key, () => OffRamp(request), cancellationToken);

    public Task<RampResult?> LookupConversion(RampRequestKey key, CancellationToken cancellationToken) => Lookup(key, cancellationToken);

    public Task<RampResult?> LookupPayout(RampRequestKey key, CancellationToken cancellationToken) => Lookup(key, cancellationToken);

    public async Task<IReadOnlyList<SettlementStatementLine>> Statement(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var executed = await log.Executed(from, to, cancellationToken).ConfigureAwait(false);
        return [.. executed.Select(t => t.ToStatementLine()).OfType<SettlementStatementLine>()];
    }

    private async Task<RampResult> Execute(RampRequestKey key, Func<RampTransaction> convert, CancellationToken cancellationToken)
    {
        var (latency, randomFault) = Roll();
        var fault = script?.NextCall(key.Leg) ?? randomFault;
        await Task.Delay(fault == RampFault.Slow ? options.SlowLatency : latency, time, cancellationToken).ConfigureAwait(false);
        if (fault == RampFault.UnavailableBeforeExecuting)
        {
            throw new RampUnavailableException($"{RampLegNames.Of(key.Leg)} provider unavailable (injected fault)");
        }

        var existing = await log.FindAndCountCall(key, cancellationToken).ConfigureAwait(false);
        var result = existing is not null
            ? existing.ToResult()
            : (await log.Record(fault == RampFault.Refuse ? Refusal(key, "refused by the provider (injected fault)") : convert(), cancellationToken).ConfigureAwait(false)).ToResult();
        if (fault == RampFault.ExecutedThenTimeout)
        {
            throw new RampOutcomeUnknownException($"{RampLegNames.Of(key.Leg)} provider did not answer in time (injected fault)");
        }

        return result;
    }

    private async Task<RampResult?> Lookup(RampRequestKey key, CancellationToken cancellationToken)
    {
        var (latency, _) = Roll();
        await Task.Delay(latency, time, cancellationToken).ConfigureAwait(false);
        if (script?.NextLookup(key.Leg) == RampFault.LookupUnavailable)
        {
            throw new RampUnavailableException($"{RampLegNames.Of(key.Leg)} status lookup unavailable (injected fault)");
        }

        return (await log.Find(key, cancellationToken).ConfigureAwait(false))?.ToResult();
    }

    private RampTransaction OnRamp(OnRampRequest request)
    {
        if (!UsdRates.TryFind(request.FiatCurrency, out var usdPerUnit))
        {
            return Refusal(request.Key, $"currency {request.FiatCurrency} is not supported");
        }

        var stablecoin = Stablecoin.Round(request.FiatAmount * usdPerUnit);
        return new RampTransaction(request.Key.Value, request.Key.Leg, NewTransactionId("onr"), stablecoin, usdPerUnit, null, Stablecoin.Symbol, time.GetUtcNow());
    }

    private RampTransaction OffRamp(OffRampRequest request)
    {
        if (!UsdRates.TryFind(request.FiatCurrency, out var usdPerUnit) || !Currency.TryFind(request.FiatCurrency, out var currency))
        {
            return Refusal(request.Key, $"currency {request.FiatCurrency} is not supported");
        }

        var fiatPerStablecoin = decimal.Round(1m / usdPerUnit, 8);
        var fiat = decimal.Round(request.StablecoinAmount / usdPerUnit, currency.MinorUnits, MidpointRounding.ToZero);
        var prefix = request.Key.Leg == RampLeg.Reversal ? "rev" : "ofr";
        return new RampTransaction(request.Key.Value, request.Key.Leg, NewTransactionId(prefix), fiat, fiatPerStablecoin, null, currency.Code, time.GetUtcNow());
    }

    private (TimeSpan Latency, RampFault Fault) Roll()
    {
        lock (_randomGate)
        {
            var spread = options.MaxLatency - options.MinLatency;
            var latency = options.MinLatency + (spread * _random.NextDouble());
            return (latency, _random.NextDouble() < options.FailureRate ? RampFault.UnavailableBeforeExecuting : RampFault.None);
        }
    }

    private string NewTransactionId(string prefix) => $"{prefix}_{Guid.CreateVersion7(time.GetUtcNow()):N}";

    private static RampTransaction Refusal(RampRequestKey key, string reason) => new(key.Value, key.Leg, null, 0m, 0m, reason, null, null);
}
