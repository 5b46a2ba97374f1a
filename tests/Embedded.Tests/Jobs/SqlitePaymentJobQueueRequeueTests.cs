using Microsoft.Extensions.Time.Testing;
using Payments.Application.Jobs;
using Payments.Embedded.Jobs;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Jobs;

/// <summary>The sweeper's requeue on the embedded queue: at most one job waiting per payment, however often it is swept.</summary>
public sealed class SqlitePaymentJobQueueRequeueTests : IDisposable
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(300);
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = Clock.Fake();

    [Fact]
    public async Task Requeue_of_a_payment_with_no_job_queues_one_and_repeats_queue_nothing_while_it_is_visible()
    {
        await using var queue = Open();
        var id = Guid.NewGuid();

        var first = await queue.Requeue(new PaymentJob(id), CancellationToken.None);
        var second = await queue.Requeue(new PaymentJob(id), CancellationToken.None);
        var third = await queue.Requeue(new PaymentJob(id), CancellationToken.None);

        Assert.Equal((true, false, false), (first, second, third));
        Assert.Equal(1, await queue.CountPending(CancellationToken.None));
        Assert.Equal(id, PaymentJob.TryParse((await queue.Receive(TimeSpan.Zero, CancellationToken.None))!.Body, out _)!.PaymentId);
    }

    [Fact]
    public async Task Requeue_queues_nothing_while_the_payments_dispatched_job_waits_visible_delayed_or_leased()
    {
        await using var queue = Open();
        var id = Guid.NewGuid();
        await queue.Dispatch([new PaymentJob(id, PaymentJob.IdFor(id, 1))], CancellationToken.None);
        var whileVisible = await queue.Requeue(new PaymentJob(id), CancellationToken.None);

        var receipt = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        var whileLeased = await queue.Requeue(new PaymentJob(id), CancellationToken.None);

        await queue.Abandon(receipt!, TimeSpan.FromMinutes(5), CancellationToken.None);
        var whileDelayed = await queue.Requeue(new PaymentJob(id), CancellationToken.None);

        Assert.Equal((false, false, false), (whileVisible, whileLeased, whileDelayed));
        Assert.Equal(1, await queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Requeue_queues_again_once_the_job_was_completed()
    {
        await using var queue = Open();
        var id = Guid.NewGuid();
        await queue.Requeue(new PaymentJob(id), CancellationToken.None);
        await queue.Complete((await queue.Receive(TimeSpan.Zero, CancellationToken.None))!, CancellationToken.None);

        Assert.True(await queue.Requeue(new PaymentJob(id), CancellationToken.None));
        Assert.Equal(1, await queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Requeue_queues_again_once_the_job_was_dead_lettered_and_the_new_job_starts_with_fresh_receives()
    {
        await using var queue = Open();
        var id = Guid.NewGuid();
        await queue.Dispatch([new PaymentJob(id)], CancellationToken.None);
        for (var receive = 1; receive <= queue.MaxReceives; receive++)
        {
            await queue.Abandon((await queue.Receive(TimeSpan.Zero, CancellationToken.None))!, TimeSpan.Zero, CancellationToken.None);
        }

        Assert.Single(await queue.ReadDeadLetters(CancellationToken.None));
        Assert.True(await queue.Requeue(new PaymentJob(id), CancellationToken.None));
        Assert.False(await queue.Requeue(new PaymentJob(id), CancellationToken.None));
        var fresh = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal((id, 1), (PaymentJob.TryParse(fresh!.Body, out _)!.PaymentId, fresh.ReceiveCount));
    }

    [Fact]
    public async Task Requeue_of_one_payment_ignores_another_payments_waiting_job()
    {
        await using var queue = Open();
        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);

        Assert.True(await queue.Requeue(new PaymentJob(Guid.NewGuid()), CancellationToken.None));
        Assert.Equal(2, await queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Requeue_wakes_a_waiting_receiver()
    {
        await using var queue = Open();
        var waiting = queue.Receive(TimeSpan.FromSeconds(20), CancellationToken.None);

        await queue.Requeue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);

        // The fake clock never moves: only the requeue's signal can complete the receive.
        Assert.NotNull(await waiting);
    }

    public void Dispose() => _directory.Dispose();

    private SqlitePaymentJobQueue Open() =>
        SqlitePaymentJobQueue.Open(_directory.File(SqlitePaymentJobQueue.FileName), _time, new EmbeddedQueueOptions { VisibilityTimeout = Visibility });
}
