using Payments.Application.Consumers;
using Payments.Application.Jobs;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Queue;
using Payments.Application.Webhooks.Replay;

namespace Payments.Application.Operations;

/// <summary>
/// What an operator can see and fix of the machinery, the same for the API and the console: events a log consumer
/// parked (re-run one), payment jobs the queue gave up on (re-enqueue one), webhook messages the queue gave up on
/// (redeliver one). None of it writes to the ledger: a re-run or a re-queued job only repeats idempotent work.
/// </summary>
public sealed class OperatorRecovery(
    IEnumerable<EventLogSubscription> consumers,
    IDeadLetterQueue paymentJobs,
    IDeadLetterQueue webhooks,
    IWebhookDeliveryStore deliveries,
    WebhookReplay replay)
{
    public async Task<IReadOnlyList<ParkedEvent>> ParkedEvents(CancellationToken cancellationToken)
    {
        var all = new List<ParkedEvent>();
        foreach (var consumer in consumers)
        {
            all.AddRange(await consumer.Parked(cancellationToken).ConfigureAwait(false));
        }

        return all;
    }

    public Task<ParkedEventRerun> Rerun(string consumer, long position, CancellationToken cancellationToken) =>
        consumers.FirstOrDefault(c => string.Equals(c.Name, consumer, StringComparison.Ordinal)) is { } subscription
            ? subscription.Rerun(position, cancellationToken)
            : Task.FromResult(ParkedEventRerun.NotParked);

    public Task<IReadOnlyList<DeadLetteredJob>> PaymentJobDeadLetters(CancellationToken cancellationToken) => paymentJobs.ReadDeadLetters(cancellationToken);

    /// <summary>Back to the payment queue; the worker advances the payment only from where its events say it stands.</summary>
    public Task<bool> RequeuePaymentJob(string messageId, CancellationToken cancellationToken) => paymentJobs.Redrive(messageId, cancellationToken);

    public Task<IReadOnlyList<DeadLetteredJob>> WebhookDeadLetters(CancellationToken cancellationToken) => webhooks.ReadDeadLetters(cancellationToken);

    /// <summary>
    /// A dead delivery gets a new round of attempts under its webhook-id (as the client's own redeliver does) and its
    /// dead letter is discarded; any other dead message (an envelope, a recovery job) goes back to the queue as it was.
    /// </summary>
    public async Task<ReplayOutcome> RedeliverWebhook(string messageId, CancellationToken cancellationToken)
    {
        var dead = (await webhooks.ReadDeadLetters(cancellationToken).ConfigureAwait(false)).FirstOrDefault(d => d.MessageId == messageId);
        if (dead is null)
        {
            return new ReplayOutcome.NotFound();
        }

        if (WebhookQueueMessage.TryParse(dead.Body) is not WebhookQueueMessage.Delivery message)
        {
            return await webhooks.Redrive(messageId, cancellationToken).ConfigureAwait(false) ? new ReplayOutcome.Queued(null) : new ReplayOutcome.NotFound();
        }

        var delivery = await deliveries.FindDelivery(message.DeliveryId, cancellationToken).ConfigureAwait(false);
        if (delivery is null)
        {
            return new ReplayOutcome.NotFound();
        }

        var outcome = await replay.Redeliver(delivery.ClientId, delivery.DeliveryId, cancellationToken).ConfigureAwait(false);
        if (outcome is ReplayOutcome.Queued)
        {
            await webhooks.Discard(messageId, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
