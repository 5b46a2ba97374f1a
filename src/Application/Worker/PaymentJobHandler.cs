using Payments.Domain.Decisions;
using Payments.Domain.Ramps;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Application.Jobs;
using Payments.Application.Ledger;

namespace Payments.Application.Worker;

/// <summary>
/// Runs the stablecoin sandwich for one job delivery, for every queue adapter (embedded loop, SQS, Lambda).
/// Every delivery, first or fifth, duplicate or redriven, advances the payment from where its events say it stands:
/// every step is appended with the expected version, so two workers can never both advance a payment, and ramp calls
/// carry a per-leg request key, so a resumed leg returns the original transaction instead of converting twice.
/// A leg whose call went unanswered is never assumed failed: the payment is flagged for attention and the next
/// delivery looks the request up by its key before doing anything else.
/// </summary>
public sealed class PaymentJobHandler
{
    private const string Actor = "worker";

    /// <summary>Start, three legs and an unknown outcome; more reloads than this means something keeps undoing our work.</summary>
    private const int MaxSteps = 12;

    private readonly PaymentLedger _ledger;
    private readonly IOnRampProvider _onRamp;
    private readonly IOffRampProvider _offRamp;
    private readonly WorkerOptions _options;
    private readonly ILogger _logger;
    private readonly RampCalls _ramps;
    private readonly TimeProvider _time;

    public PaymentJobHandler(
        PaymentLedger ledger, IOnRampProvider onRamp, IOffRampProvider offRamp, WorkerOptions options, TimeProvider time, ILogger<PaymentJobHandler> logger)
    {
        _ledger = ledger;
        _onRamp = onRamp;
        _offRamp = offRamp;
        _options = options;
        _logger = logger;
        _ramps = new RampCalls(options, time, logger);
        _time = time;
    }

    public async Task<JobDisposition> Handle(JobReceipt receipt, CancellationToken cancellationToken)
    {
        var job = PaymentJob.TryParse(receipt.Body, out var problem);
        if (job is null)
        {
            // Kept, not deleted: after its last receive it rests in the dead-letter queue for an operator.
            WorkerLog.MalformedJob(_logger, receipt.MessageId, receipt.ReceiveCount, problem);
            return new JobDisposition.Release(RedeliveryDelay(receipt), problem);
        }

        using var span = PaymentTracing.StartJob(job, receipt);
        var metadata = new EventMetadata(job.PaymentId.ToString("D"), receipt.MessageId, Actor).InCurrentTrace();
        var disposition = await Advance(job.PaymentId, receipt, metadata, cancellationToken).ConfigureAwait(false);
        span?.SetTag("payments.job.disposition", disposition is JobDisposition.Acknowledge ? "acknowledged" : "released");
        return disposition;
    }

    private async Task<JobDisposition> Advance(Guid paymentId, JobReceipt receipt, EventMetadata metadata, CancellationToken cancellationToken)
    {
        Payment? known = null;
        for (var step = 0; step < MaxSteps; step++)
        {
            var state = known ?? await _ledger.Load(paymentId, cancellationToken).ConfigureAwait(false);
            known = null;
            if (state.Status == PaymentStatus.None)
            {
                WorkerLog.UnknownPayment(_logger, receipt.MessageId, paymentId, receipt.ReceiveCount);
                return new JobDisposition.Release(RedeliveryDelay(receipt), $"payment {paymentId} does not exist");
            }

            if (state.IsTerminal)
            {
                return Acknowledge(paymentId, receipt, $"payment {state.Status.ToString().ToUpperInvariant()}");
            }

            if (state.Status == PaymentStatus.Pending)
            {
                known = await Apply(state, new PaymentCommand.StartProcessing(), metadata, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (state.OpenLeg is not { } leg)
            {
                // A refused reversal: no automatic step is left, and redelivering would only ask the same question again.
                return Acknowledge(paymentId, receipt, $"waiting for an operator: {state.Attention}");
            }

            var outcome = await Call(state, leg, cancellationToken).ConfigureAwait(false);
            if (outcome is RampCallOutcome.NotExecuted { CircuitOpen: false } && IsLastReceive(receipt) && leg != RampLeg.Reversal)
            {
                outcome = await ConfirmNeverExecuted(state, leg, outcome, cancellationToken).ConfigureAwait(false);
            }

            var command = Decide(state, leg, outcome, IsLastReceive(receipt));
            if (command is not null)
            {
                LogForOperators(paymentId, command);
                known = await Apply(state, command, metadata, cancellationToken).ConfigureAwait(false);
            }

            if (Unsettled(outcome, command) is { } why)
            {
                WorkerLog.Released(_logger, paymentId, receipt.MessageId, receipt.ReceiveCount, why);
                return new JobDisposition.Release(Max(RedeliveryDelay(receipt), outcome is RampCallOutcome.NotExecuted { CircuitOpen: true } ? RampCalls.BreakDuration : TimeSpan.Zero), why);
            }
        }

        throw new InvalidOperationException($"Payment {paymentId} did not settle within {MaxSteps} steps.");
    }

    /// <summary>
    /// The one place an outcome becomes a fact. Not executed is final only on the job's last receive, only when the
    /// provider itself said so (an open circuit fails a whole outage's payments in seconds otherwise; those wait for
    /// the sweeper instead), and never for the reversal, which must eventually happen. Unknown is recorded once and
    /// then left to lookups.
    /// </summary>
    private static PaymentCommand? Decide(Payment state, RampLeg leg, RampCallOutcome outcome, bool lastReceive) => (outcome, leg) switch
    {
        (RampCallOutcome.Answered { Result: RampResult.Settled s }, RampLeg.OnRamp) => new PaymentCommand.CompleteOnRamp(s.TransactionId, s.Amount, s.Rate),
        (RampCallOutcome.Answered { Result: RampResult.Settled s }, RampLeg.OffRamp) => new PaymentCommand.CompleteOffRamp(s.TransactionId, s.Amount, s.Rate),
        (RampCallOutcome.Answered { Result: RampResult.Settled s }, RampLeg.Reversal) => new PaymentCommand.CompleteReversal(s.TransactionId, s.Amount, s.Rate),
        (RampCallOutcome.Answered { Result: RampResult.Refused r }, RampLeg.OnRamp) => new PaymentCommand.FailOnRamp(r.Reason),
        (RampCallOutcome.Answered { Result: RampResult.Refused r }, RampLeg.OffRamp) => new PaymentCommand.FailOffRamp(r.Reason),
        (RampCallOutcome.Answered { Result: RampResult.Refused r }, RampLeg.Reversal) => new PaymentCommand.RefuseReversal(r.Reason),
        (RampCallOutcome.NotExecuted { CircuitOpen: false } n, RampLeg.OnRamp) when lastReceive => new PaymentCommand.FailOnRamp(n.Reason, RampFailureKind.Unavailable),
        (RampCallOutcome.NotExecuted { CircuitOpen: false } n, RampLeg.OffRamp) when lastReceive => new PaymentCommand.FailOffRamp(n.Reason),
        (RampCallOutcome.NotExecuted, _) => null,
        (RampCallOutcome.Unknown u, _) when state.UnknownOutcomeLeg != leg => new PaymentCommand.RecordUnknownOutcome(leg, u.Reason),
        (RampCallOutcome.Unknown, _) => null,
        _ => throw new InvalidOperationException($"Unknown ramp outcome {outcome}"),
    };

    /// <summary>Why the leg is still open after this delivery (the job goes back to the queue); null when it moved on.</summary>
    private static string? Unsettled(RampCallOutcome outcome, PaymentCommand? command) => (outcome, command) switch
    {
        (RampCallOutcome.Unknown u, _) => u.Reason,
        (RampCallOutcome.NotExecuted n, null) => n.Reason,
        _ => null,
    };

    /// <summary>One delivery's work on a leg, as a span and a duration by outcome.</summary>
    private async Task<RampCallOutcome> Call(Payment state, RampLeg leg, CancellationToken cancellationToken)
    {
        using var span = PaymentTracing.StartLeg(leg, state.PaymentId);
        var started = _time.GetTimestamp();
        var outcome = await CallLeg(state, leg, cancellationToken).ConfigureAwait(false);
        PaymentMetrics.LegFinished(leg, outcome, _time.GetElapsedTime(started));
        span?.SetTag("payments.ramp.outcome", PaymentMetrics.OutcomeTag(outcome));
        return outcome;
    }

    /// <summary>A leg already flagged unknown is looked up first; only a provider with no record of the key is asked again.</summary>
    private async Task<RampCallOutcome> CallLeg(Payment state, RampLeg leg, CancellationToken cancellationToken)
    {
        var key = RampRequestKey.For(state.PaymentId, leg);
        if (state.UnknownOutcomeLeg == leg)
        {
            var found = await _ramps.Lookup(key, leg, ct => Lookup(leg, key, ct), cancellationToken).ConfigureAwait(false);
            if (found is not RampCallOutcome.NotExecuted)
            {
                return found;
            }
        }

        var outcome = await _ramps.Run(key, leg, ct => Execute(state, leg, key, ct), cancellationToken).ConfigureAwait(false);
        if (outcome is RampCallOutcome.Unknown)
        {
            PaymentMetrics.OutcomeUnknown(leg);
        }

        return outcome;
    }

    /// <summary>
    /// Before giving a leg up as never executed, ask the provider by its key: an earlier delivery may have executed it
    /// and died before recording, and this delivery's calls may have been refused at the door. A record found is the
    /// fact; no record confirms the give-up; a failed lookup leaves the outcome unknown (attention, lookups later).
    /// </summary>
    private async Task<RampCallOutcome> ConfirmNeverExecuted(Payment state, RampLeg leg, RampCallOutcome notExecuted, CancellationToken cancellationToken)
    {
        var key = RampRequestKey.For(state.PaymentId, leg);
        var found = await _ramps.Lookup(key, leg, ct => Lookup(leg, key, ct), cancellationToken).ConfigureAwait(false);
        return found is RampCallOutcome.NotExecuted ? notExecuted : found;
    }

    private Task<RampResult> Execute(Payment state, RampLeg leg, RampRequestKey key, CancellationToken cancellationToken) => leg switch
    {
        RampLeg.OnRamp => _onRamp.Convert(new OnRampRequest(key, state.Amount, state.Currency, state.SourceAccount), cancellationToken),
        RampLeg.OffRamp => _offRamp.Payout(new OffRampRequest(key, HeldStablecoin(state), state.Currency, state.DestinationAccount), cancellationToken),
        RampLeg.Reversal => _offRamp.Payout(new OffRampRequest(key, HeldStablecoin(state), state.Currency, state.SourceAccount), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(leg), leg, "Unknown ramp leg"),
    };

    private static decimal HeldStablecoin(Payment state) =>
        state.StablecoinAmount ?? throw new InvalidOperationException($"Payment {state.PaymentId} on-ramped without a stablecoin amount.");

    private Task<RampResult?> Lookup(RampLeg leg, RampRequestKey key, CancellationToken cancellationToken) =>
        leg == RampLeg.OnRamp ? _onRamp.LookupConversion(key, cancellationToken) : _offRamp.LookupPayout(key, cancellationToken);

    /// <summary>Provider text never reaches clients; operators read it here and in the leg's events.</summary>
    private void LogForOperators(Guid paymentId, PaymentCommand command)
    {
        switch (command)
        {
            case PaymentCommand.FailOnRamp f:
                WorkerLog.LegFailed(_logger, paymentId, RampLegNames.Of(RampLeg.OnRamp), f.Reason);
                break;
            case PaymentCommand.FailOffRamp f:
                WorkerLog.LegFailed(_logger, paymentId, RampLegNames.Of(RampLeg.OffRamp), f.Reason);
                break;
            case PaymentCommand.RefuseReversal r:
                WorkerLog.ReversalRefused(_logger, paymentId, r.Reason);
                break;
            case PaymentCommand.RecordUnknownOutcome u:
                WorkerLog.OutcomeUnknown(_logger, paymentId, RampLegNames.Of(u.Leg), u.Reason);
                break;
        }
    }

    /// <summary>
    /// Appends against the state this delivery holds and returns the state after it, so the next step needs no read;
    /// null when another writer got there first (refused by the expected version), and the loop reloads and decides again.
    /// </summary>
    private async Task<Payment?> Apply(Payment state, PaymentCommand command, EventMetadata metadata, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await _ledger.Execute(state, command, metadata, cancellationToken).ConfigureAwait(false);
            if (outcome.IsAccepted)
            {
                return outcome.State;
            }

            WorkerLog.LostRace(_logger, state.PaymentId, outcome.Rejection!.Reason);
        }
        catch (WrongExpectedVersionException e)
        {
            WorkerLog.LostRace(_logger, state.PaymentId, e.Message);
        }

        return null;
    }

    private bool IsLastReceive(JobReceipt receipt) => receipt.ReceiveCount >= _options.MaxReceives;

    private JobDisposition.Acknowledge Acknowledge(Guid paymentId, JobReceipt receipt, string why)
    {
        WorkerLog.Acknowledged(_logger, paymentId, receipt.MessageId, why);
        return new JobDisposition.Acknowledge(why);
    }

    private TimeSpan RedeliveryDelay(JobReceipt receipt) => _options.RedeliveryDelay * receipt.ReceiveCount;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
