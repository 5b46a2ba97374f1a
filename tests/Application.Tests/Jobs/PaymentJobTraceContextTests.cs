using Payments.Application.Jobs;
using Payments.Application.Jobs.Dispatch;
using Payments.Domain.Events;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;

namespace Payments.Application.Tests.Jobs;

public sealed class PaymentJobTraceContextTests
{
    private const string Traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    [Fact]
    public async Task Dispatched_job_carries_the_trace_context_of_the_request_event()
    {
        var outbox = new CapturingOutbox();
        var id = Guid.NewGuid();
        var requested = new StoredEvent(
            StreamId.For(id), 1, 1, PaymentEventCodec.TypeName<PaymentEvent.PaymentRequested>(), 1, DateTimeOffset.UnixEpoch, "{}",
            new EventMetadata("c", null, "client:a", Traceparent, "congo=t61rcWkgMzE"), "h");

        await new PaymentJobDispatch(outbox).Handle([requested], CancellationToken.None);

        var job = Assert.Single(outbox.Jobs);
        Assert.Equal(Traceparent, job.Traceparent);
        Assert.Equal("congo=t61rcWkgMzE", job.Tracestate);
        Assert.Equal(job, PaymentJob.TryParse(job.ToJson(), out _));
    }

    private sealed class CapturingOutbox : IJobOutbox
    {
        public List<PaymentJob> Jobs { get; } = [];

        public Task Dispatch(IReadOnlyList<PaymentJob> jobs, CancellationToken cancellationToken)
        {
            Jobs.AddRange(jobs);
            return Task.CompletedTask;
        }
    }
}
