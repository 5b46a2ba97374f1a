using Payments.Application.Jobs;
using Payments.Application.Webhooks.Queue;

namespace Payments.Application.Tests.Webhooks.Routing;

/// <summary>The webhook queue as the router sees it: records each send, or fails the next ones like a full disk.</summary>
public sealed class RecordingWebhookQueue : IWebhookQueue
{
    private readonly List<(IReadOnlyList<string> Bodies, TimeSpan Delay)> _sends = [];
    private int _failuresLeft;

    public IReadOnlyList<(IReadOnlyList<string> Bodies, TimeSpan Delay)> Sends => _sends;

    public void FailNext(int count) => _failuresLeft = count;

    public Task Send(IReadOnlyList<string> bodies, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (_failuresLeft-- > 0)
        {
            throw new IOException("webhook queue unavailable (injected)");
        }

        _sends.Add(([.. bodies], delay));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JobReceipt>> Receive(int maxMessages, TimeSpan wait, CancellationToken cancellationToken) => throw RouterOnlySends();

    public Task Complete(JobReceipt receipt, CancellationToken cancellationToken) => throw RouterOnlySends();

    public Task Retry(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => throw RouterOnlySends();

    public Task Defer(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => throw RouterOnlySends();

    public Task DeadLetter(JobReceipt receipt, CancellationToken cancellationToken) => throw RouterOnlySends();

    private static NotSupportedException RouterOnlySends() => new("The router only sends to the webhook queue.");
}
