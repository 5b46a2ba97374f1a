using Payments.Application.Jobs;
using Payments.Application.Webhooks.Queue;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>Records what the webhook Lambda asked of the queue; calls for message ids in <see cref="Unreachable"/> fail like an SQS outage.</summary>
internal sealed class RecordingWebhookQueue : IWebhookQueue
{
    public List<(string Call, string MessageId, TimeSpan? Delay)> Calls { get; } = [];

    public HashSet<string> Unreachable { get; } = new(StringComparer.Ordinal);

    public Task Send(IReadOnlyList<string> bodies, TimeSpan delay, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The Lambda handler never sends on its own.");

    public Task<IReadOnlyList<JobReceipt>> Receive(int maxMessages, TimeSpan wait, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Lambda's event source mapping receives, not the handler.");

    public Task Complete(JobReceipt receipt, CancellationToken cancellationToken) => Record("complete", receipt, null);

    public Task Retry(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => Record("retry", receipt, delay);

    public Task Defer(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => Record("defer", receipt, delay);

    public Task DeadLetter(JobReceipt receipt, CancellationToken cancellationToken) => Record("dead-letter", receipt, null);

    private Task Record(string call, JobReceipt receipt, TimeSpan? delay)
    {
        if (Unreachable.Contains(receipt.MessageId))
        {
            throw new HttpRequestException("SQS unreachable");
        }

        Calls.Add((call, receipt.MessageId, delay));
        return Task.CompletedTask;
    }
}
