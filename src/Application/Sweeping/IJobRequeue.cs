using Payments.Application.Jobs;

namespace Payments.Application.Sweeping;

/// <summary>Puts a payment's job back in the queue for the sweeper.</summary>
public interface IJobRequeue
{
    /// <summary>
    /// Queues <paramref name="job"/> unless the queue can tell one for the payment is already waiting; true when it
    /// queued. A queue that cannot tell (SQS) always queues: a second job is harmless, because the worker advances a
    /// payment only from where its events say it stands.
    /// </summary>
    Task<bool> Requeue(PaymentJob job, CancellationToken cancellationToken);
}
