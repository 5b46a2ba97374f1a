using Payments.Application.Jobs;

namespace Payments.Application.Webhooks.Queue;

/// <summary>
/// The webhook queue (<see cref="WebhookQueueSpec"/>): envelopes from the routing rules, one message per
/// (webhook message, endpoint) delivery, and recovery jobs. At least once; receives in batches.
/// </summary>
public interface IWebhookQueue
{
    /// <summary>Enqueues bodies, visible after <paramref name="delay"/>.</summary>
    Task Send(IReadOnlyList<string> bodies, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxMessages"/> visible messages, waiting up to <paramref name="wait"/> for the first.</summary>
    Task<IReadOnlyList<JobReceipt>> Receive(int maxMessages, TimeSpan wait, CancellationToken cancellationToken);

    Task Complete(JobReceipt receipt, CancellationToken cancellationToken);

    /// <summary>Visible again after <paramref name="delay"/>; the queue's redrive dead-letters it after its last receive.</summary>
    Task Retry(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>
    /// Back after <paramref name="delay"/> without counting this receive as an attempt (the endpoint's throttle said
    /// wait). SQS cannot un-count a receive, so there the message is re-sent with a delay and this copy deleted.
    /// </summary>
    Task Defer(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Moves the message to the dead-letter queue now.</summary>
    Task DeadLetter(JobReceipt receipt, CancellationToken cancellationToken);
}
