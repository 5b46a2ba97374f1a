using BenchmarkDotNet.Attributes;
using Payments.Domain.Events;
using Payments.Domain.State;

namespace Payments.Bench.Micro;

/// <summary>
/// The fold runs before every decision (the whole history is replayed) and once per event in the
/// projector, so its cost sits on the hot path of both the API and the worker.
/// </summary>
[MemoryDiagnoser]
public class FoldBenchmarks
{
    private IReadOnlyList<PaymentEvent> _completed = [];
    private IReadOnlyList<PaymentEvent> _offRampFailed = [];
    private Payment _beforeLastEvent = Payment.Initial;
    private PaymentEvent _lastEvent = null!;

    [GlobalSetup]
    public void Setup()
    {
        _completed = SandwichHistory.Completed();
        _offRampFailed = SandwichHistory.OffRampFailed();
        _beforeLastEvent = PaymentFold.Replay(_completed.Take(_completed.Count - 1));
        _lastEvent = _completed[_completed.Count - 1];
    }

    [Benchmark(Baseline = true)]
    public Payment ReplayCompleted() => PaymentFold.Replay(_completed);

    [Benchmark]
    public Payment ReplayOffRampFailed() => PaymentFold.Replay(_offRampFailed);

    /// <summary>One step, as the decider vets each proposed event against the current state.</summary>
    [Benchmark]
    public Payment EvolveLastEvent() => PaymentFold.Evolve(_beforeLastEvent, _lastEvent);
}
