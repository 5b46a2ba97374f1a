using Payments.Domain.Decisions;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Application.Jobs;
using Payments.Application.Ledger;

namespace Payments.Application.Worker;

/// <summary>
/// The safety net behind the handler's own give-up: when a job reaches the embedded dead-letter queue while its
/// payment is still open (the worker died during the last receive, or kept crashing), the payment is marked
/// FAILED so it never sits in PROCESSING forever. The dead letter itself stays for an operator.
/// </summary>
public sealed class DeadLetterReaper(IDeadLetterInbox queue, PaymentLedger ledger, TimeProvider time, ILogger<DeadLetterReaper> logger)
{
    private const int MaxAttempts = 8;
    private static readonly EventMetadata Metadata = new("dead-letter", null, "dead-letter-reaper");
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Settles every dead letter not yet settled; returns how many payments it failed.</summary>
    public async Task<int> SettleDeadLetters(CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var dead in await queue.ReadUnsettledDeadLetters(cancellationToken).ConfigureAwait(false))
        {
            if (PaymentJob.TryParse(dead.Body, out _) is { } job && await FailIfOpen(job.PaymentId, dead, cancellationToken).ConfigureAwait(false))
            {
                failed++;
            }

            await queue.MarkDeadLetterSettled(dead.MessageId, cancellationToken).ConfigureAwait(false);
        }

        return failed;
    }

    public async Task Run(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = queue.NextDeadLetter;
            try
            {
                await SettleDeadLetters(cancellationToken).ConfigureAwait(false);
                await next.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                WorkerLog.ReaperFailed(logger, e);
                await Task.Delay(RetryDelay, time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> FailIfOpen(Guid paymentId, DeadLetteredJob dead, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var state = await ledger.Load(paymentId, cancellationToken).ConfigureAwait(false);
            if (state.Status is not (PaymentStatus.Pending or PaymentStatus.Processing))
            {
                return false;
            }

            try
            {
                var message = $"job dead-lettered after {dead.ReceiveCount} receives without finishing";
                var outcome = await ledger.Execute(paymentId, new PaymentCommand.FailPayment(message), Metadata, cancellationToken).ConfigureAwait(false);
                if (outcome.IsAccepted)
                {
                    WorkerLog.GaveUp(logger, paymentId, dead.ReceiveCount, message);
                    return true;
                }
            }
            catch (WrongExpectedVersionException e)
            {
                WorkerLog.LostRace(logger, paymentId, e.Message);
            }
        }

        return false;
    }
}
