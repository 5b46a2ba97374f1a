using Microsoft.Extensions.Time.Testing;
using Payments.Application.Jobs;
using Payments.Embedded.Jobs;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Jobs;

public sealed class SqlitePaymentJobQueueTests : IDisposable
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(300);
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = Clock.Fake();

    [Fact]
    public async Task Enqueued_job_survives_closing_and_reopening_the_queue()
    {
        var id = Guid.NewGuid();
        await using (var queue = Open())
        {
            await queue.Enqueue(new PaymentJob(id), CancellationToken.None);
        }

        await using var reopened = Open();
        var receipt = await reopened.Receive(TimeSpan.Zero, CancellationToken.None);

        Assert.NotNull(receipt);
        Assert.Equal(id, PaymentJob.TryParse(receipt.Body, out _)!.PaymentId);
        Assert.Equal(1, receipt.ReceiveCount);
    }

    [Fact]
    public async Task Received_job_is_hidden_until_its_visibility_timeout_lapses_then_redelivered()
    {
        await using var queue = Open();
        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);

        var first = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        var whileHidden = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        _time.Advance(Visibility);
        var again = await queue.Receive(TimeSpan.Zero, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(whileHidden);
        Assert.NotNull(again);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(2, again.ReceiveCount);
        Assert.NotEqual(first.ReceiptHandle, again.ReceiptHandle);
    }

    [Fact]
    public async Task Lease_of_a_dead_process_is_reclaimed_at_start_and_redelivered_at_once_with_its_receive_counted()
    {
        Guid leased;
        await using (var dead = Open())
        {
            await dead.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);
            leased = PaymentJob.TryParse((await dead.Receive(TimeSpan.Zero, CancellationToken.None))!.Body, out _)!.PaymentId;
        }

        await using var next = Open();
        Assert.Null(await next.Receive(TimeSpan.Zero, CancellationToken.None));

        Assert.Equal(1, await next.ReclaimLeases(CancellationToken.None));
        var again = await next.Receive(TimeSpan.Zero, CancellationToken.None);

        Assert.NotNull(again);
        Assert.Equal(leased, PaymentJob.TryParse(again.Body, out _)!.PaymentId);
        Assert.Equal(2, again.ReceiveCount);
    }

    [Fact]
    public async Task Reclaiming_leaves_visible_and_completed_jobs_alone()
    {
        await using var queue = Open();
        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);

        Assert.Equal(0, await queue.ReclaimLeases(CancellationToken.None));
        var receipt = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(1, receipt!.ReceiveCount);
    }

    [Fact]
    public async Task Completed_job_is_never_delivered_again()
    {
        await using var queue = Open();
        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);
        var receipt = await queue.Receive(TimeSpan.Zero, CancellationToken.None);

        await queue.Complete(receipt!, CancellationToken.None);
        _time.Advance(Visibility * 2);

        Assert.Null(await queue.Receive(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(0, await queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Stale_receipt_cannot_complete_a_job_redelivered_to_someone_else()
    {
        await using var queue = Open();
        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);
        var stale = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        _time.Advance(Visibility);
        await queue.Receive(TimeSpan.Zero, CancellationToken.None);

        await queue.Complete(stale!, CancellationToken.None);

        Assert.Equal(1, await queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Job_not_completed_after_three_receives_moves_to_the_dead_letter_queue()
    {
        await using var queue = Open();
        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);

        for (var receive = 1; receive <= 3; receive++)
        {
            var receipt = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
            Assert.Equal(receive, receipt!.ReceiveCount);
            _time.Advance(Visibility);
        }

        Assert.Null(await queue.Receive(TimeSpan.Zero, CancellationToken.None));
        var dead = Assert.Single(await queue.ReadDeadLetters(CancellationToken.None));
        Assert.Equal(3, dead.ReceiveCount);
        Assert.Equal(0, await queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Abandoning_on_the_last_receive_dead_letters_at_once()
    {
        await using var queue = Open();
        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);
        JobReceipt? receipt = null;
        for (var receive = 1; receive <= 3; receive++)
        {
            receipt = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
            if (receive < 3)
            {
                await queue.Abandon(receipt!, TimeSpan.Zero, CancellationToken.None);
            }
        }

        await queue.Abandon(receipt!, TimeSpan.Zero, CancellationToken.None);

        Assert.Single(await queue.ReadDeadLetters(CancellationToken.None));
        Assert.Null(await queue.Receive(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Abandoned_job_is_redelivered_after_its_delay()
    {
        await using var queue = Open();
        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);
        var receipt = await queue.Receive(TimeSpan.Zero, CancellationToken.None);

        await queue.Abandon(receipt!, TimeSpan.FromSeconds(5), CancellationToken.None);
        var tooEarly = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(tooEarly);
        Assert.Equal(2, (await queue.Receive(TimeSpan.Zero, CancellationToken.None))!.ReceiveCount);
    }

    [Fact]
    public async Task Extended_visibility_keeps_a_slow_job_hidden()
    {
        await using var queue = Open();
        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);
        var receipt = await queue.Receive(TimeSpan.Zero, CancellationToken.None);

        _time.Advance(Visibility - TimeSpan.FromSeconds(1));
        await queue.ExtendVisibility(receipt!, Visibility, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(await queue.Receive(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Waiting_receiver_wakes_when_a_job_is_enqueued()
    {
        await using var queue = Open();
        var waiting = queue.Receive(TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);

        // The fake clock never moves: only the enqueue signal can complete the receive.
        Assert.NotNull(await waiting);
    }

    [Fact]
    public async Task Waiting_receiver_wakes_when_a_hidden_job_becomes_visible_again()
    {
        await using var queue = Open();
        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);
        await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        var waiting = queue.Receive(TimeSpan.FromSeconds(400), CancellationToken.None);

        var redelivered = await _time.Pump(waiting, TimeSpan.FromSeconds(10));

        Assert.Equal(2, redelivered!.ReceiveCount);
    }

    [Fact]
    public async Task Receive_with_nothing_to_deliver_returns_null_when_its_wait_ends()
    {
        await using var queue = Open();

        Assert.Null(await _time.Pump(queue.Receive(TimeSpan.FromSeconds(20), CancellationToken.None), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Dispatch_enqueues_one_job_per_payment_even_across_restarts()
    {
        var id = Guid.NewGuid();
        await using (var queue = Open())
        {
            await queue.Dispatch([new PaymentJob(id)], CancellationToken.None);
            await queue.Dispatch([new PaymentJob(id), new PaymentJob(Guid.NewGuid())], CancellationToken.None);
        }

        await using var reopened = Open();
        await reopened.Dispatch([new PaymentJob(id)], CancellationToken.None);
        Assert.Equal(2, await reopened.CountPending(CancellationToken.None));
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Dispatched_job_keeps_its_trace_context_and_measure_counts_what_waits()
    {
        await using var queue = Open();
        var job = new PaymentJob(Guid.NewGuid(), "job-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "congo=t61rcWkgMzE");
        await queue.Dispatch([job], CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(7));

        var waiting = await queue.Measure(CancellationToken.None);
        var receipt = await queue.Receive(TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(new QueueMeasure(1, TimeSpan.FromSeconds(7), 0), waiting);
        Assert.Equal(job, PaymentJob.TryParse(receipt!.Body, out _));
    }

    [Fact]
    public void Job_body_without_trace_context_leaves_it_out_and_still_parses()
    {
        var id = Guid.NewGuid();

        Assert.Equal($"{{\"payment_id\":\"{id:D}\",\"job_id\":\"j\"}}", new PaymentJob(id, "j").ToJson());
        Assert.Null(PaymentJob.TryParse($"{{\"payment_id\":\"{id:D}\"}}", out _)!.Traceparent);
    }

    private SqlitePaymentJobQueue Open() =>
        SqlitePaymentJobQueue.Open(_directory.File(SqlitePaymentJobQueue.FileName), _time, new EmbeddedQueueOptions { VisibilityTimeout = Visibility });
}
