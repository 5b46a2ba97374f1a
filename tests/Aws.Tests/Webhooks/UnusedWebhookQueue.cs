using Payments.Application.Jobs;
using Payments.Application.Webhooks.Queue;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>The queue a router is built with when the test only asks it which rules route an envelope.</summary>
internal sealed class UnusedWebhookQueue : IWebhookQueue
{
    public Task Send(IReadOnlyList<string> bodies, TimeSpan delay, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<JobReceipt>> Receive(int maxMessages, TimeSpan wait, CancellationToken cancellationToken) => throw Unused();

    public Task Complete(JobReceipt receipt, CancellationToken cancellationToken) => throw Unused();

    public Task Retry(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => throw Unused();

    public Task Defer(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => throw Unused();

    public Task DeadLetter(JobReceipt receipt, CancellationToken cancellationToken) => throw Unused();

    private static NotSupportedException Unused() => new("This test routes envelopes without sending them.");
}
