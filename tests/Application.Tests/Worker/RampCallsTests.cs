using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Payments.Application.Worker;
using Payments.Domain.Ramps;
using Payments.TestServices;
using static Payments.TestServices.ScriptedRamps;

namespace Payments.Application.Tests.Worker;

public sealed class RampCallsTests
{
    private static readonly RampResult Settled = new RampResult.Settled("onr-1", 108m, 1.08m);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Transient_failures_are_retried_and_the_first_answer_is_returned(int failures)
    {
        var time = Clock.Fake();
        var ramps = new ScriptedRamps().OnRamp([.. Enumerable.Repeat(Unavailable(), failures), Settles("onr-1", 108m, 1.08m)]);
        var request = OnRampRequest();

        var result = await time.Pump(Answer(Calls(time).Run(request.Key, RampLeg.OnRamp, ct => ramps.Convert(request, ct), CancellationToken.None)));

        Assert.Equal(Settled, result);
        Assert.Equal(failures + 1, ramps.Calls[request.Key.Value]);
    }

    [Theory]
    [InlineData(RampLeg.OnRamp, "on-ramp")]
    [InlineData(RampLeg.OffRamp, "off-ramp")]
    public async Task Leg_still_unavailable_after_its_attempts_fails_naming_the_leg_and_the_calls(RampLeg leg, string name)
    {
        var time = Clock.Fake();
        var ramps = new ScriptedRamps().OnRamp(Unavailable(), Unavailable(), Unavailable(), Unavailable()).OffRamp(Unavailable(), Unavailable(), Unavailable(), Unavailable());
        var onRamp = OnRampRequest();
        var offRamp = new OffRampRequest(RampRequestKey.For(Guid.NewGuid(), RampLeg.OffRamp), 108m, "EUR", "DE89370400440532013000");
        var key = leg == RampLeg.OnRamp ? onRamp.Key : offRamp.Key;

        var failure = await Assert.ThrowsAsync<RampUnavailableException>(
            () => time.Pump(Answer(Calls(time).Run(key, leg, ct => leg == RampLeg.OnRamp ? ramps.Convert(onRamp, ct) : ramps.Payout(offRamp, ct), CancellationToken.None))));

        Assert.StartsWith($"{name} unavailable after 3 calls: ", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, ramps.Calls[key.Value]);
    }

    [Fact]
    public async Task Call_that_outlives_the_timeout_counts_as_a_failed_attempt_and_is_retried_with_the_same_request_key()
    {
        var time = Clock.Fake();
        var start = time.GetUtcNow();
        var provider = new HangingRamp(hangs: 1);
        var request = OnRampRequest();

        var result = await time.Pump(Answer(Calls(time).Run(request.Key, RampLeg.OnRamp, ct => provider.Convert(request, ct), CancellationToken.None)));

        Assert.Equal(Settled, result);
        Assert.Equal([request.Key, request.Key], provider.Keys);
        // On the injected clock: at least the timeout, and not the much longer wait a real-time timer would leave.
        var timeout = new WorkerOptions().RampCallTimeout;
        Assert.InRange(time.GetUtcNow() - start, timeout, timeout + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Calls_that_all_time_out_end_unknown_after_every_attempt_with_the_same_request_key()
    {
        var time = Clock.Fake();
        var provider = new HangingRamp(hangs: int.MaxValue);
        var request = OnRampRequest();

        var failure = await Assert.ThrowsAsync<RampOutcomeUnknownException>(
            () => time.Pump(Answer(Calls(time).Run(request.Key, RampLeg.OnRamp, ct => provider.Convert(request, ct), CancellationToken.None)), TimeSpan.FromSeconds(1)));

        Assert.StartsWith("on-ramp unanswered after 3 calls: ", failure.Message, StringComparison.Ordinal);
        Assert.Equal([request.Key, request.Key, request.Key], provider.Keys);
    }

    [Fact]
    public async Task Circuit_opens_on_the_twentieth_failing_call_and_then_fails_fast_without_calling_the_provider()
    {
        var time = Clock.Fake();
        var calls = Calls(time);
        var provider = new SwitchableRamp(time) { Down = true };

        // Three calls a job: the first six jobs all reach the provider, the seventh's second call is the twentieth.
        for (var job = 1; job <= 6; job++)
        {
            var failure = await Assert.ThrowsAsync<RampUnavailableException>(() => provider.Run(calls, RampLeg.OnRamp));
            Assert.StartsWith("on-ramp unavailable after 3 calls: ", failure.Message, StringComparison.Ordinal);
            Assert.Equal(job * 3, provider.Calls);
        }

        var opening = await Assert.ThrowsAsync<RampUnavailableException>(() => provider.Run(calls, RampLeg.OnRamp));
        Assert.StartsWith("on-ramp unavailable after 2 calls: ", opening.Message, StringComparison.Ordinal);
        Assert.Equal(20, provider.Calls);

        var fast = await Assert.ThrowsAsync<RampUnavailableException>(() => provider.Run(calls, RampLeg.OnRamp));

        Assert.StartsWith("on-ramp unavailable after 0 calls: ", fast.Message, StringComparison.Ordinal);
        Assert.Contains("circuit", fast.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(20, provider.Calls);
    }

    [Fact]
    public async Task Circuit_stays_closed_while_fewer_than_half_the_calls_fail_and_opens_when_half_do()
    {
        var time = Clock.Fake();
        var calls = Calls(time);
        var provider = new SwitchableRamp(time);
        for (var job = 0; job < 11; job++)
        {
            await provider.Run(calls, RampLeg.OnRamp);
        }

        provider.Down = true;

        // 11 good calls, then failures: 9 of 20, 10 of 21 still keep it closed; 11 of 22 is half and opens it.
        for (var job = 1; job <= 3; job++)
        {
            await Assert.ThrowsAsync<RampUnavailableException>(() => provider.Run(calls, RampLeg.OnRamp));
            Assert.Equal(11 + (job * 3), provider.Calls);
        }

        var opening = await Assert.ThrowsAsync<RampUnavailableException>(() => provider.Run(calls, RampLeg.OnRamp));
        Assert.StartsWith("on-ramp unavailable after 2 calls: ", opening.Message, StringComparison.Ordinal);
        Assert.Equal(22, provider.Calls);
        await Assert.ThrowsAsync<RampUnavailableException>(() => provider.Run(calls, RampLeg.OnRamp));
        Assert.Equal(22, provider.Calls);
    }

    [Fact]
    public async Task Open_circuit_lets_a_call_through_to_the_provider_again_after_its_five_second_break()
    {
        var time = Clock.Fake();
        var calls = Calls(time);
        var provider = new SwitchableRamp(time) { Down = true };
        await provider.OpenCircuit(calls, RampLeg.OnRamp);
        var opened = provider.Calls;
        var openedAt = provider.LastCallAt;
        provider.Down = false;

        time.SetUtcNow(openedAt + TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<RampUnavailableException>(() => provider.Run(calls, RampLeg.OnRamp));
        Assert.Equal(opened, provider.Calls);

        time.SetUtcNow(openedAt + TimeSpan.FromSeconds(5));
        Assert.Equal(Settled, await provider.Run(calls, RampLeg.OnRamp));
        Assert.Equal(opened + 1, provider.Calls);
    }

    [Fact]
    public async Task Open_on_ramp_circuit_does_not_stop_off_ramp_calls()
    {
        var time = Clock.Fake();
        var calls = Calls(time);
        var onRamp = new SwitchableRamp(time) { Down = true };
        var offRamp = new SwitchableRamp(time);
        await onRamp.OpenCircuit(calls, RampLeg.OnRamp);

        Assert.Equal(Settled, await offRamp.Run(calls, RampLeg.OffRamp));
        Assert.Equal(1, offRamp.Calls);
        await Assert.ThrowsAsync<RampUnavailableException>(() => onRamp.Run(calls, RampLeg.OnRamp));
    }

    [Fact]
    public async Task Single_attempt_option_calls_the_provider_once()
    {
        var time = Clock.Fake();
        var ramps = new ScriptedRamps().OnRamp(Unavailable(), Settles("onr-1", 108m, 1.08m));
        var request = OnRampRequest();
        var calls = new RampCalls(new WorkerOptions { RampAttempts = 1 }, time, NullLogger.Instance);

        var failure = await Assert.ThrowsAsync<RampUnavailableException>(
            () => time.Pump(Answer(calls.Run(request.Key, RampLeg.OnRamp, ct => ramps.Convert(request, ct), CancellationToken.None))));

        Assert.StartsWith("on-ramp unavailable after 1 calls: ", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, ramps.Calls[request.Key.Value]);
    }

    /// <summary>The outcome as the provider would have thrown it, so each test states which of the three it expects.</summary>
    private static async Task<RampResult> Answer(Task<RampCallOutcome> call) => await call switch
    {
        RampCallOutcome.Answered a => a.Result,
        RampCallOutcome.NotExecuted n => throw new RampUnavailableException(n.Reason),
        RampCallOutcome.Unknown u => throw new RampOutcomeUnknownException(u.Reason),
        _ => throw new InvalidOperationException("unknown outcome"),
    };

    private static RampCalls Calls(TimeProvider time) => new(new WorkerOptions(), time, NullLogger.Instance);

    private static OnRampRequest OnRampRequest() => new(RampRequestKey.For(Guid.NewGuid(), RampLeg.OnRamp), 100m, "EUR", "DE89370400440532013000");

    /// <summary>Hangs its first calls until the caller gives up on them (the token fires), then settles; keeps each call's request key.</summary>
    private sealed class HangingRamp(int hangs) : IOnRampProvider
    {
        private readonly List<RampRequestKey> _keys = [];

        public IReadOnlyList<RampRequestKey> Keys => _keys;

        public Task<RampResult?> LookupConversion(RampRequestKey key, CancellationToken cancellationToken) => Task.FromResult<RampResult?>(null);

        public async Task<RampResult> Convert(OnRampRequest request, CancellationToken cancellationToken)
        {
            _keys.Add(request.Key);
            if (_keys.Count <= hangs)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            return Settled;
        }
    }

    /// <summary>A provider that is either down or settling, counting calls across jobs, each job with its own request key.</summary>
    private sealed class SwitchableRamp(FakeTimeProvider time)
    {
        private int _calls;

        public bool Down { get; set; }

        public int Calls => _calls;

        /// <summary>When the provider last answered: the failure that opens the circuit starts its break then.</summary>
        public DateTimeOffset LastCallAt { get; private set; }

        public Task<RampResult> Run(RampCalls calls, RampLeg leg) =>
            time.Pump(Answer(calls.Run(RampRequestKey.For(Guid.NewGuid(), leg), leg, Call, CancellationToken.None)));

        /// <summary>Fails jobs until a call comes back without reaching the provider: the circuit is open.</summary>
        public async Task OpenCircuit(RampCalls calls, RampLeg leg)
        {
            for (var job = 0; job < 20; job++)
            {
                var before = _calls;
                await Assert.ThrowsAsync<RampUnavailableException>(() => Run(calls, leg));
                if (_calls == before)
                {
                    return;
                }
            }

            Assert.Fail("the circuit never opened");
        }

        private Task<RampResult> Call(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            LastCallAt = time.GetUtcNow();
            return Down ? Task.FromException<RampResult>(new RampUnavailableException("provider down")) : Task.FromResult(Settled);
        }
    }
}
