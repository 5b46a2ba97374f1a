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
/// A delivery's calls end in one of three outcomes: answered, known not executed, or unknown. A single unanswered
/// call makes the whole delivery's outcome unknown, whatever the later calls said, because that call may have executed.
/// </summary>
internal sealed class RampCalls
{
    /// <summary>How long an opened circuit stays open; a job that met an open circuit comes back no sooner.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    private static readonly ResiliencePropertyKey<string> RequestKey = new("payments.ramp-request-key");

    private readonly Dictionary<RampLeg, ResiliencePipeline> _pipelines;

    public RampCalls(WorkerOptions options, TimeProvider time, ILogger logger) =>
        _pipelines = Enum.GetValues<RampLeg>().ToDictionary(leg => leg, _ => Pipeline(options, time, logger));

    public async Task<RampCallOutcome> Run(RampRequestKey key, RampLeg leg, Func<CancellationToken, Task<RampResult>> call, CancellationToken cancellationToken)
    {
        var calls = 0;
        var unanswered = false;
        try
        {
            var result = await Execute(key, leg, async ct =>
            {
                Interlocked.Increment(ref calls);
                try
                {
                    return await call(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is RampOutcomeUnknownException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // Our own per-call timeout cancelled a call in flight: the provider may have executed it.
                    unanswered = true;
                    throw;
                }
            }, cancellationToken).ConfigureAwait(false);
            return new RampCallOutcome.Answered(result);
        }
        catch (Exception e) when (IsTransient(e))
        {
            var name = RampLegNames.Of(leg);
            return unanswered
                ? new RampCallOutcome.Unknown($"{name} unanswered after {calls} calls: {e.Message}")
                : new RampCallOutcome.NotExecuted($"{name} unavailable after {calls} calls: {e.Message}", e is BrokenCircuitException);
        }
    }

    /// <summary>The provider's record for <paramref name="key"/>: answered (found), NotExecuted (it has none) or Unknown (it could not be asked).</summary>
    public async Task<RampCallOutcome> Lookup(RampRequestKey key, RampLeg leg, Func<CancellationToken, Task<RampResult?>> lookup, CancellationToken cancellationToken)
    {
        try
        {
            var found = await Execute(key, leg, lookup, cancellationToken).ConfigureAwait(false);
            return found is null
                ? new RampCallOutcome.NotExecuted($"the {RampLegNames.Of(leg)} provider has no record of {key}")
                : new RampCallOutcome.Answered(found);
        }
        catch (Exception e) when (IsTransient(e))
        {
            return new RampCallOutcome.Unknown($"{RampLegNames.Of(leg)} status lookup failed: {e.Message}");
        }
    }

    private async Task<T> Execute<T>(RampRequestKey key, RampLeg leg, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, key.Value);
        try
        {
            return await _pipelines[leg].ExecuteAsync(ctx => new ValueTask<T>(call(ctx.CancellationToken)), context).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool IsTransient(Exception e) =>
        e is RampUnavailableException or RampOutcomeUnknownException or TimeoutRejectedException or BrokenCircuitException;

    private static ResiliencePipeline Pipeline(WorkerOptions options, TimeProvider time, ILogger logger)
    {
        var transient = new PredicateBuilder().Handle<RampUnavailableException>().Handle<RampOutcomeUnknownException>().Handle<TimeoutRejectedException>();
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
                BreakDuration = BreakDuration,
            })
            .AddTimeout(options.RampCallTimeout)
            .Build();
    }
}
