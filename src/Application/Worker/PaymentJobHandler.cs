using Payments.Domain.Decisions;
using Payments.Domain.Ramps;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Application.Jobs;
using Payments.Application.Ledger;

namespace Payments.Application.Worker;

/// <summary>
/// Runs the stablecoin sandwich for one job delivery, for every queue adapter (embedded loop, SQS, Lambda).
/// The payment's event stream says where it stands, so a redelivered job resumes at the next open leg; every
/// step is appended with the expected version, so two workers can never both advance a payment; ramp calls
/// carry a per-leg request key, so a resumed leg returns the original transaction instead of converting twice.
/// </summary>
public sealed class PaymentJobHandler
{
    private const string Actor = "worker";

    /// <summary>The sandwich has three writes after the start; more reloads than this means something keeps undoing our work.</summary>
    private const int MaxSteps = 8;

    private readonly PaymentLedger _ledger;
    private readonly IOnRampProvider _onRamp;
    private readonly IOffRampProvider _offRamp;
    private readonly WorkerOptions _options;
    private readonly ILogger _logger;
    private readonly RampCalls _ramps;

    public PaymentJobHandler(
        PaymentLedger ledger, IOnRampProvider onRamp, IOffRampProvider offRamp, WorkerOptions options, TimeProvider time, ILogger<PaymentJobHandler> logger)
    {
        _ledger = ledger;
        _onRamp = onRamp;
        _offRamp = offRamp;
        _options = options;
        _logger = logger;
        _ramps = new RampCalls(options, time, logger);
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

        var metadata = new EventMetadata(job.PaymentId.ToString("D"), receipt.MessageId, Actor);
        try
        {
            return await Process(job.PaymentId, receipt, metadata, cancellationToken).ConfigureAwait(false);
        }
        catch (RampUnavailableException e)
        {
            return await GiveBack(job.PaymentId, receipt, e.Message, metadata, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<JobDisposition> Process(Guid paymentId, JobReceipt receipt, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var state = await _ledger.Load(paymentId, cancellationToken).ConfigureAwait(false);
        if (state.Status == PaymentStatus.None)
        {
            WorkerLog.UnknownPayment(_logger, receipt.MessageId, paymentId, receipt.ReceiveCount);
            return new JobDisposition.Release(RedeliveryDelay(receipt), $"payment {paymentId} does not exist");
        }

        if (state.IsTerminal)
        {
            return Acknowledge(paymentId, receipt, $"payment already {state.Status.ToString().ToUpperInvariant()}");
        }

        var started = state.Status == PaymentStatus.Pending && await TryStart(paymentId, metadata, cancellationToken).ConfigureAwait(false);
        if (!started && receipt.ReceiveCount == 1)
        {
            // Someone else started it while this is a first delivery: a duplicate job. The starter's own job stays
            // in the queue until it finishes, and is redelivered (receive count > 1, so it resumes) if its worker dies.
            return Acknowledge(paymentId, receipt, "another delivery is processing the payment");
        }

        var final = await Advance(paymentId, metadata, cancellationToken).ConfigureAwait(false);
        return Acknowledge(paymentId, receipt, $"payment {final.Status.ToString().ToUpperInvariant()}");
    }

    private async Task<bool> TryStart(Guid paymentId, EventMetadata metadata, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await _ledger.Execute(paymentId, new PaymentCommand.StartProcessing(), metadata, cancellationToken).ConfigureAwait(false);
            return outcome.IsAccepted;
        }
        catch (WrongExpectedVersionException e)
        {
            WorkerLog.LostRace(_logger, paymentId, e.Message);
            return false;
        }
    }

    /// <summary>Drives the payment to a terminal state, one leg per step, reloading whenever another writer got in first.</summary>
    private async Task<Payment> Advance(Guid paymentId, EventMetadata metadata, CancellationToken cancellationToken)
    {
        for (var step = 0; step < MaxSteps; step++)
        {
            var state = await _ledger.Load(paymentId, cancellationToken).ConfigureAwait(false);
            if (state.IsTerminal)
            {
                return state;
            }

            var command = state.OnRampTxId is null
                ? await OnRamp(state, cancellationToken).ConfigureAwait(false)
                : await OffRamp(state, cancellationToken).ConfigureAwait(false);
            try
            {
                var outcome = await _ledger.Execute(paymentId, command, metadata, cancellationToken).ConfigureAwait(false);
                if (!outcome.IsAccepted)
                {
                    WorkerLog.LostRace(_logger, paymentId, outcome.Rejection!.Reason);
                }
            }
            catch (WrongExpectedVersionException e)
            {
                WorkerLog.LostRace(_logger, paymentId, e.Message);
            }
        }

        throw new InvalidOperationException($"Payment {paymentId} did not settle within {MaxSteps} steps.");
    }

    private async Task<PaymentCommand> OnRamp(Payment state, CancellationToken cancellationToken)
    {
        var request = new OnRampRequest(RampRequestKey.For(state.PaymentId, RampLeg.OnRamp), state.Amount, state.Currency, state.SourceAccount);
        var result = await _ramps.Run(request.Key, RampLeg.OnRamp, ct => _onRamp.Convert(request, ct), cancellationToken).ConfigureAwait(false);
        return result switch
        {
            RampResult.Settled settled => new PaymentCommand.CompleteOnRamp(settled.TransactionId, settled.Amount, settled.Rate),
            RampResult.Refused refused => new PaymentCommand.FailOnRamp(refused.Reason),
            _ => throw new InvalidOperationException($"Unknown ramp result {result}"),
        };
    }

    private async Task<PaymentCommand> OffRamp(Payment state, CancellationToken cancellationToken)
    {
        var stablecoin = state.StablecoinAmount ?? throw new InvalidOperationException($"Payment {state.PaymentId} on-ramped without a stablecoin amount.");
        var request = new OffRampRequest(RampRequestKey.For(state.PaymentId, RampLeg.OffRamp), stablecoin, state.Currency, state.DestinationAccount);
        var result = await _ramps.Run(request.Key, RampLeg.OffRamp, ct => _offRamp.Payout(request, ct), cancellationToken).ConfigureAwait(false);
        return result switch
        {
            RampResult.Settled settled => new PaymentCommand.CompleteOffRamp(settled.TransactionId, settled.Amount, settled.Rate),
            RampResult.Refused refused => new PaymentCommand.FailOffRamp(refused.Reason),
            _ => throw new InvalidOperationException($"Unknown ramp result {result}"),
        };
    }

    /// <summary>
    /// A ramp stayed unavailable through this delivery's retries. Before the last receive the job goes back to the
    /// queue; on the last one the payment is marked FAILED with the reason, so it is never left PROCESSING once the
    /// job is dead-lettered.
    /// </summary>
    private async Task<JobDisposition> GiveBack(Guid paymentId, JobReceipt receipt, string reason, EventMetadata metadata, CancellationToken cancellationToken)
    {
        if (receipt.ReceiveCount < _options.MaxReceives)
        {
            WorkerLog.Released(_logger, paymentId, receipt.MessageId, receipt.ReceiveCount, reason);
            return new JobDisposition.Release(RedeliveryDelay(receipt), reason);
        }

        var message = $"gave up after {receipt.ReceiveCount} attempts: {reason}";
        WorkerLog.GaveUp(_logger, paymentId, receipt.ReceiveCount, reason);
        for (var attempt = 0; attempt < MaxSteps; attempt++)
        {
            try
            {
                var outcome = await _ledger.Execute(paymentId, new PaymentCommand.FailPayment(message), metadata, cancellationToken).ConfigureAwait(false);
                if (!outcome.IsAccepted)
                {
                    // Already terminal: another delivery finished it meanwhile, and nothing is left to dead-letter.
                    return Acknowledge(paymentId, receipt, outcome.Rejection!.Reason);
                }

                return new JobDisposition.Release(TimeSpan.Zero, message);
            }
            catch (WrongExpectedVersionException e)
            {
                WorkerLog.LostRace(_logger, paymentId, e.Message);
            }
        }

        throw new InvalidOperationException($"Payment {paymentId} could not be marked failed.");
    }

    private JobDisposition.Acknowledge Acknowledge(Guid paymentId, JobReceipt receipt, string why)
    {
        WorkerLog.Acknowledged(_logger, paymentId, receipt.MessageId, why);
        return new JobDisposition.Acknowledge(why);
    }

    private TimeSpan RedeliveryDelay(JobReceipt receipt) => _options.RedeliveryDelay * receipt.ReceiveCount;
}
