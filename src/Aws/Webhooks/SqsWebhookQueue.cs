using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Payments.Application.Jobs;
using Payments.Application.Webhooks.Queue;
using Polly;

namespace Payments.Aws.Webhooks;

/// <summary>
/// The webhook queue on SQS (<see cref="WebhookQueueSpec"/>). A retry only changes the message's visibility, so the
/// queue's redrive dead-letters it after its last receive; a deferral, which must not use up a receive, and an early
/// dead-letter are a send of the same body (to the queue with a delay, or to the dead-letter queue) followed by a
/// delete. Writes go through <see cref="SqsResilience"/>: at worst a body is sent twice, which the handler absorbs
/// (deliveries and messages have deterministic ids).
/// </summary>
public sealed class SqsWebhookQueue(IAmazonSQS sqs, SqsWebhookQueues queues, ResiliencePipeline? writes = null) : IWebhookQueue
{
    /// <summary>SQS's limits: ten entries a batch, a 15-minute delay, a 12-hour visibility, a 20-second long poll.</summary>
    private const int BatchLimit = 10;
    private const int LongestDelaySeconds = 15 * 60;
    private const int LongestVisibilitySeconds = 12 * 60 * 60;
    private const int LongestWaitSeconds = 20;

    private const string ReceiveCountAttribute = "ApproximateReceiveCount";

    private readonly ResiliencePipeline _writes = writes ?? SqsResilience.Pipeline(TimeProvider.System);

    /// <summary>Entries SQS refuses are sent once more; any still refused then fail the whole call, naming SQS's reason.</summary>
    public async Task Send(IReadOnlyList<string> bodies, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var delaySeconds = Seconds(delay, LongestDelaySeconds);
        foreach (var chunk in bodies.Chunk(BatchLimit))
        {
            var entries = chunk.Select((body, i) => new SendMessageBatchRequestEntry
            {
                Id = i.ToString(CultureInfo.InvariantCulture),
                MessageBody = body,
                DelaySeconds = delaySeconds,
            }).ToList();
            var refused = await SendBatch(queues.QueueUrl, entries, cancellationToken).ConfigureAwait(false);
            if (refused.Count > 0)
            {
                var retried = entries.Where(e => refused.Any(r => r.Id == e.Id)).ToList();
                refused = await SendBatch(queues.QueueUrl, retried, cancellationToken).ConfigureAwait(false);
            }

            if (refused.Count > 0)
            {
                throw new InvalidOperationException(
                    $"SQS refused {refused.Count} webhook queue message(s): {string.Join("; ", refused.Select(r => $"{r.Code}: {r.Message}"))}");
            }
        }
    }

    public async Task<IReadOnlyList<JobReceipt>> Receive(int maxMessages, TimeSpan wait, CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = queues.QueueUrl,
                MaxNumberOfMessages = Math.Clamp(maxMessages, 1, BatchLimit),
                WaitTimeSeconds = Seconds(wait, LongestWaitSeconds),
                MessageSystemAttributeNames = [ReceiveCountAttribute],
            },
            cancellationToken).ConfigureAwait(false);
        return [.. (response.Messages ?? []).Select(m => new JobReceipt(m.MessageId, m.ReceiptHandle, m.Body ?? "", ReceiveCount(m)))];
    }

    public Task Complete(JobReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return Delete(receipt, cancellationToken);
    }

    public async Task Retry(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var request = new ChangeMessageVisibilityRequest
        {
            QueueUrl = queues.QueueUrl,
            ReceiptHandle = receipt.ReceiptHandle,
            VisibilityTimeout = Seconds(delay, LongestVisibilitySeconds),
        };
        await _writes.ExecuteAsync(async ct => await sqs.ChangeMessageVisibilityAsync(request, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A delay beyond SQS's 15 minutes comes back sooner; the handler then defers it again.</summary>
    public async Task Defer(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        await SendOne(queues.QueueUrl, receipt.Body, Seconds(delay, LongestDelaySeconds), cancellationToken).ConfigureAwait(false);
        await Delete(receipt, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeadLetter(JobReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        await SendOne(queues.DeadLetterQueueUrl, receipt.Body, 0, cancellationToken).ConfigureAwait(false);
        await Delete(receipt, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<BatchResultErrorEntry>> SendBatch(string queueUrl, List<SendMessageBatchRequestEntry> entries, CancellationToken cancellationToken)
    {
        var request = new SendMessageBatchRequest { QueueUrl = queueUrl, Entries = entries };
        var response = await _writes.ExecuteAsync(async ct => await sqs.SendMessageBatchAsync(request, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return response.Failed ?? [];
    }

    private async Task SendOne(string queueUrl, string body, int delaySeconds, CancellationToken cancellationToken)
    {
        var request = new SendMessageRequest { QueueUrl = queueUrl, MessageBody = body, DelaySeconds = delaySeconds };
        await _writes.ExecuteAsync(async ct => await sqs.SendMessageAsync(request, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task Delete(JobReceipt receipt, CancellationToken cancellationToken)
    {
        var request = new DeleteMessageRequest { QueueUrl = queues.QueueUrl, ReceiptHandle = receipt.ReceiptHandle };
        await _writes.ExecuteAsync(async ct => await sqs.DeleteMessageAsync(request, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private static int Seconds(TimeSpan value, int most) => (int)Math.Clamp(Math.Ceiling(value.TotalSeconds), 0, most);

    private static int ReceiveCount(Message message) =>
        message.Attributes is { } attributes
        && attributes.TryGetValue(ReceiveCountAttribute, out var text)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
        && count > 0
            ? count
            : 1;
}
