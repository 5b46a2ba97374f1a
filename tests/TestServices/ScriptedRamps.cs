using System.Collections.Concurrent;
using Payments.Domain.Ramps;

namespace Payments.TestServices;

/// <summary>
/// Fake ramps (the reversal is a payout): each leg answers from a script (settle, refuse, or a transient fault), counts calls per request key,
/// and can hold calls at a gate so a test decides when they return.
/// </summary>
public sealed class ScriptedRamps : IOnRampProvider, IOffRampProvider
{
    private readonly ConcurrentQueue<Func<RampResult>> _onRampScript = new();
    private readonly ConcurrentQueue<Func<RampResult>> _offRampScript = new();
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RampResult> _answered = new(StringComparer.Ordinal);

    public TaskCompletionSource? Gate { get; set; }

    public IReadOnlyDictionary<string, int> Calls => _calls;

    public int CallsFor(Guid paymentId, RampLeg leg) => _calls.GetValueOrDefault(RampRequestKey.For(paymentId, leg).Value);

    public ScriptedRamps OnRamp(params Func<RampResult>[] answers)
    {
        foreach (var answer in answers)
        {
            _onRampScript.Enqueue(answer);
        }

        return this;
    }

    public ScriptedRamps OffRamp(params Func<RampResult>[] answers)
    {
        foreach (var answer in answers)
        {
            _offRampScript.Enqueue(answer);
        }

        return this;
    }

    public static Func<RampResult> Settles(string txId, decimal amount, decimal rate) => () => new RampResult.Settled(txId, amount, rate);

    public static Func<RampResult> Refuses(string reason) => () => new RampResult.Refused(reason);

    public static Func<RampResult> Unavailable() => () => throw new RampUnavailableException("provider down (scripted)");

    public Task<RampResult> Convert(OnRampRequest request, CancellationToken cancellationToken) =>
        Answer(request.Key, _onRampScript, () => new RampResult.Settled("onr-default", request.FiatAmount * 1.08m, 1.08m));

    public Task<RampResult> Payout(OffRampRequest request, CancellationToken cancellationToken) =>
        Answer(request.Key, _offRampScript, () => new RampResult.Settled("ofr-default", decimal.Round(request.StablecoinAmount / 1.08m, 2), 0.9259m));

    public Task<RampResult?> LookupConversion(RampRequestKey key, CancellationToken cancellationToken) => Task.FromResult(_answered.GetValueOrDefault(key.Value));

    public Task<RampResult?> LookupPayout(RampRequestKey key, CancellationToken cancellationToken) => Task.FromResult(_answered.GetValueOrDefault(key.Value));

    private async Task<RampResult> Answer(RampRequestKey key, ConcurrentQueue<Func<RampResult>> script, Func<RampResult> fallback)
    {
        _calls.AddOrUpdate(key.Value, 1, (_, n) => n + 1);
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        var result = script.TryDequeue(out var answer) ? answer() : fallback();
        _answered[key.Value] = result;
        return result;
    }
}
