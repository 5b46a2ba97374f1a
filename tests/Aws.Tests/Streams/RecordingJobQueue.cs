using Payments.Application.Jobs;

namespace Payments.Aws.Tests.Streams;

/// <summary>Records enqueued jobs; sends for payments in <see cref="Unreachable"/> fail like an SQS outage.</summary>
internal sealed class RecordingJobQueue : IPaymentJobQueue
{
    public List<PaymentJob> Enqueued { get; } = [];

    public HashSet<Guid> Unreachable { get; } = [];

    public int MaxReceives => 3;

    public Task Enqueue(PaymentJob job, CancellationToken cancellationToken)
    {
        if (Unreachable.Contains(job.PaymentId))
        {
            throw new HttpRequestException("SQS unreachable");
        }

        Enqueued.Add(job);
        return Task.CompletedTask;
    }

    public Task<JobReceipt?> Receive(TimeSpan wait, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task Complete(JobReceipt receipt, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task Abandon(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ExtendVisibility(JobReceipt receipt, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();
}
