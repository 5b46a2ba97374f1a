using Payments.Application.Jobs;
using Payments.Application.Sweeping;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Polly;

namespace Payments.Aws.Sqs;

/// <summary>
/// The payment queue on SQS. Dead-lettering is the queue's RedrivePolicy, so <see cref="Abandon"/> only makes the
/// message visible again; SQS moves it to the DLQ instead of delivering it a fourth time. Writes go through
/// <see cref="SqsResilience"/>; a receive is retried by the pump that calls it.
/// </summary>
public sealed class SqsPaymentJobQueue(IAmazonSQS sqs, string queueUrl, ResiliencePipeline? writes = null) : IPaymentJobQueue, IJobOutbox, IJobRequeue
{
    /// <summary>The message attribute that carries <see cref="PaymentJob.JobId"/>.</summary>
    public const string JobIdAttribute = "job_id";

    private const string ReceiveCountAttribute = "ApproximateReceiveCount";

    /// <summary>SQS refuses a visibility timeout above 12 hours.</summary>
    private const int LongestVisibilitySeconds = 12 * 60 * 60;

    /// <summary>SQS caps a long poll at 20 s.</summary>
    /// <summary>SQS hands at most ten messages per receive.</summary>
    private const int MostPerReceive = 10;

    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(PaymentQueueSpec.ReceiveWaitSeconds);

    public int MaxReceives => PaymentQueueSpec.MaxReceiveCount;

    private readonly ResiliencePipeline _writes = writes ?? SqsResilience.Pipeline(TimeProvider.System);

    /// <summary>
    /// Sends the job with its <see cref="PaymentJob.JobId"/> as the <see cref="JobIdAttribute"/> message attribute too,
    /// so a duplicate can be told apart from a second request without parsing the body. The queue is a standard queue
    /// (SQS deduplicates only FIFO queues), so a resend is a second message. It is harmless: the worker folds the
    /// payment's events and advances it only from where they say it stands, appending each step with its expected
    /// version (a second copy loses the race or finds nothing to do), and every ramp call carries the leg's request key
    /// (a resumed leg gets the original transaction back, never a second conversion).
    /// </summary>
    public async Task Enqueue(PaymentJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var request = new SendMessageRequest { QueueUrl = queueUrl, MessageBody = job.ToJson() };
        if (job.JobId is { } jobId)
        {
            request.MessageAttributes = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal)
            {
                [JobIdAttribute] = new() { DataType = "String", StringValue = jobId },
            };
        }

        await _writes.ExecuteAsync(async ct => await sqs.SendMessageAsync(request, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SQS cannot tell whether a job for the payment is waiting, so the sweeper's job is always sent; a second copy is harmless (above).</summary>
    public async Task<bool> Requeue(PaymentJob job, CancellationToken cancellationToken)
    {
        await Enqueue(job, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task Dispatch(IReadOnlyList<PaymentJob> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        foreach (var job in jobs)
        {
            await Enqueue(job, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<JobReceipt?> Receive(TimeSpan wait, CancellationToken cancellationToken) =>
        await ReceiveMany(PaymentQueueSpec.BatchSize, wait, cancellationToken).ConfigureAwait(false) is [var first, ..] ? first : null;

    public async Task<IReadOnlyList<JobReceipt>> ReceiveMany(int maxJobs, TimeSpan wait, CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = Math.Clamp(maxJobs, 1, MostPerReceive),
                WaitTimeSeconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 0, LongestWait.TotalSeconds),
                MessageSystemAttributeNames = [ReceiveCountAttribute],
            },
            cancellationToken).ConfigureAwait(false);

        return [.. (response.Messages ?? []).Select(message => new JobReceipt(message.MessageId, message.ReceiptHandle, message.Body ?? "", ReceiveCount(message)))];
    }

    public async Task Complete(JobReceipt receipt, CancellationToken cancellationToken) =>
        await _writes.ExecuteAsync(
            async ct => await sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = queueUrl, ReceiptHandle = receipt.ReceiptHandle }, ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);

    public Task Abandon(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => ChangeVisibility(receipt, delay, cancellationToken);

    public Task ExtendVisibility(JobReceipt receipt, TimeSpan timeout, CancellationToken cancellationToken) => ChangeVisibility(receipt, timeout, cancellationToken);

    private async Task ChangeVisibility(JobReceipt receipt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new ChangeMessageVisibilityRequest
        {
            QueueUrl = queueUrl,
            ReceiptHandle = receipt.ReceiptHandle,
            VisibilityTimeout = (int)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 0, LongestVisibilitySeconds),
        };
        await _writes.ExecuteAsync(async ct => await sqs.ChangeMessageVisibilityAsync(request, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private static int ReceiveCount(Message message) =>
        message.Attributes is { } attributes
        && attributes.TryGetValue(ReceiveCountAttribute, out var text)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;
}
