using Payments.Application.Jobs;

namespace Payments.Aws.Tests.Streams;

/// <summary>Records enqueued jobs; sends for payments in <see cref="Unreachable"/> fail like an SQS outage.</summary>
internal sealed class RecordingJobQueue : IJobOutbox
{
    public List<PaymentJob> Enqueued { get; } = [];

    public HashSet<Guid> Unreachable { get; } = [];

    public Task Dispatch(IReadOnlyList<PaymentJob> jobs, CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            if (Unreachable.Contains(job.PaymentId))
            {
                throw new HttpRequestException("SQS unreachable");
            }

            Enqueued.Add(job);
        }

        return Task.CompletedTask;
    }
}
