using Payments.Application.Consumers;
using Payments.Domain.Events;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;

namespace Payments.Application.Jobs.Dispatch;

/// <summary>
/// The outbox relay as a log consumer: accepting a payment only appends <see cref="PaymentEvent.PaymentRequested"/>;
/// this turns each such event into a job. It filters on the stored type before decoding anything, so event types
/// this deployment does not know pass through untouched (never decoded, never failed). Each job carries the id of the
/// event that asked for it (<see cref="PaymentJob.IdFor"/>), the same on every resend, and that event's trace context. The embedded outbox ignores
/// payments already dispatched, so a page delivered again after a crash never doubles a job; SQS may hold a
/// duplicate, which the worker absorbs (see <see cref="IJobOutbox"/>). Embedded: behind an <see cref="EventLogSubscription"/>;
/// cloud: behind the Streams job-enqueuer Lambda.
/// </summary>
public sealed class PaymentJobDispatch(IJobOutbox outbox) : IEventConsumer
{
    public const string ConsumerName = "payment-jobs";

    private static readonly string RequestedType = PaymentEventCodec.TypeName<PaymentEvent.PaymentRequested>();

    /// <summary>
    /// Stop, not park: a parked request would be a payment nobody ever processes. Its failures are the outbox's
    /// (disk, queue), which pass; the dispatch holds its place until they do.
    /// </summary>
    public static PoisonPolicy Policy { get; } = PoisonPolicy.Stop();

    public string Name => ConsumerName;

    public Task Handle(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var jobs = events
            .Where(e => string.Equals(e.Type, RequestedType, StringComparison.Ordinal))
            .Select(JobFor)
            .ToList();
        return jobs.Count == 0 ? Task.CompletedTask : outbox.Dispatch(jobs, cancellationToken);
    }

    private static PaymentJob JobFor(StoredEvent requested)
    {
        var paymentId = Guid.Parse(requested.StreamId.Value);
        return new PaymentJob(paymentId, PaymentJob.IdFor(paymentId, requested.Version), requested.Metadata.Traceparent, requested.Metadata.Tracestate);
    }
}
