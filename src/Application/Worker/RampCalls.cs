using Payments.Domain.Ramps;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Payments.Application.Worker;

/// <summary>
/// Every ramp call goes through a Polly pipeline per leg, on the injected clock: a per-call timeout, retries with
/// exponential backoff and jitter, and a circuit breaker that stops hammering a provider that is down. Retrying is
/// safe because every call for a leg carries the same request key, so the provider converts at most once.
/// </summary>
internal sealed class RampCalls
{
    private static readonly ResiliencePropertyKey<string> RequestKey = new("payments.ramp-request-key");

    private readonly ResiliencePipeline _onRamp;
    private readonly ResiliencePipeline _offRamp;

    public RampCalls(WorkerOptions options, TimeProvider time, ILogger logger)
    {
        _onRamp = Pipeline(options, time, logger);
        _offRamp = Pipeline(options, time, logger);
    }

    /// <exception cref="RampUnavailableException">Still failing after the last attempt, or the leg's circuit is open; the message names the leg.</exception>
    public async Task<RampResult> Run(RampRequestKey key, RampLeg leg, Func<CancellationToken, Task<RampResult>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, key.Value);
        var calls = 0;
        try
        {
            return await (leg == RampLeg.OnRamp ? _onRamp : _offRamp).ExecuteAsync(
                async ctx =>
                {
                    Interlocked.Increment(ref calls);
                    return await call(ctx.CancellationToken).ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RampUnavailableException or TimeoutRejectedException or BrokenCircuitException)
        {
            var name = leg == RampLeg.OnRamp ? "on-ramp" : "off-ramp";
            throw new RampUnavailableException($"{name} unavailable after {calls} calls: {e.Message}", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static ResiliencePipeline Pipeline(WorkerOptions options, TimeProvider time, ILogger logger)
    {
        var transient = new PredicateBuilder().Handle<RampUnavailableException>().Handle<TimeoutRejectedException>();
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.RampAttempts > 1)
        {
            // Polly refuses a retry strategy with no retries: one attempt means no retry strategy at all.
            pipeline.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.RampAttempts - 1,
                Delay = options.RampBackoff,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    WorkerLog.RampRetry(logger, args.Context.Properties.GetValue(RequestKey, "?"), args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        return pipeline
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Half the calls failing over 30 s (at least 20 calls) opens the circuit for 5 s: jobs go back to the
                // queue at once instead of each waiting out its retries against a provider that is down.
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(5),
            })
            .AddTimeout(options.RampCallTimeout)
            .Build();
    }
}
