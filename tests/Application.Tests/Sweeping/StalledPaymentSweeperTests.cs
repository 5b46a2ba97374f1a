using Payments.Domain.State;
using Payments.Application.Jobs;

namespace Payments.Application.Tests.Sweeping;

/// <summary>The sweeper over the embedded read model and queue, with the real worker picking up what it re-queues.</summary>
public sealed class StalledPaymentSweeperTests : IAsyncDisposable
{
    private readonly EmbeddedSweep _run = EmbeddedSweep.Create();

    private TimeSpan StallAfter => EmbeddedSweep.Options.StallAfter;

    [Fact]
    public async Task Processing_payment_whose_job_dead_lettered_is_requeued_after_stall_after_not_before_and_then_completes()
    {
        var id = await _run.Request();
        await DeadLetterItsJob(id);
        await _run.Project();
        var idleSince = (await _run.ReadModel.Find(id, CancellationToken.None))!.UpdatedAt;
        Assert.Equal(PaymentStatus.Processing, (await _run.Fixture.Load(id)).Status);

        _run.Fixture.Time.SetUtcNow(idleSince + StallAfter);
        var atThreshold = await _run.Sweep();
        Assert.False(await _run.ProcessNext());

        _run.Fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        var pastThreshold = await _run.Sweep();

        Assert.Equal((0, 1), (atThreshold, pastThreshold));
        Assert.Equal(1, await _run.Queue.CountPending(CancellationToken.None));
        Assert.True(await _run.ProcessNext());
        Assert.Equal(PaymentStatus.Completed, (await _run.Fixture.Load(id)).Status);
        Assert.Equal(0, await _run.Queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Second_sweep_while_the_requeued_job_waits_adds_no_second_job()
    {
        var id = await _run.Request();
        await DeadLetterItsJob(id);
        await _run.Project();
        _run.Fixture.Time.Advance(StallAfter * 2);

        var first = await _run.Sweep();
        var second = await _run.Sweep();
        _run.Fixture.Time.Advance(EmbeddedSweep.Options.Interval);
        var third = await _run.Sweep();

        Assert.Equal((1, 0, 0), (first, second, third));
        Assert.Equal(1, await _run.Queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Completed_payment_is_never_requeued_however_long_it_rests()
    {
        var id = await _run.Request();
        Assert.True(await _run.ProcessNext());
        await _run.Project();
        Assert.Equal(PaymentStatus.Completed, (await _run.ReadModel.Find(id, CancellationToken.None))!.Status);

        _run.Fixture.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, await _run.Sweep());
        Assert.Equal(0, await _run.Queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Payment_that_moved_within_stall_after_is_left_alone_even_with_no_job()
    {
        var id = await _run.Request();
        await DeadLetterItsJob(id);
        await _run.Project();
        var idleSince = (await _run.ReadModel.Find(id, CancellationToken.None))!.UpdatedAt;

        _run.Fixture.Time.SetUtcNow(idleSince + StallAfter - TimeSpan.FromSeconds(1));

        Assert.Equal(0, await _run.Sweep());
        Assert.Equal(0, await _run.Queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Only_the_stalled_payment_among_fresh_and_finished_ones_gets_a_job()
    {
        var stalled = await _run.Request();
        await DeadLetterItsJob(stalled);
        var finished = await _run.Request();
        Assert.True(await _run.ProcessNext());
        _run.Fixture.Time.Advance(StallAfter);
        var fresh = await _run.Fixture.RequestPayment();
        await _run.Project();

        Assert.Equal(1, await _run.Sweep());

        Assert.Equal(PaymentStatus.Completed, (await _run.Fixture.Load(finished)).Status);
        Assert.Equal(PaymentStatus.Pending, (await _run.Fixture.Load(fresh)).Status);
        var receipt = await _run.Queue.Receive(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(stalled, PaymentJob.TryParse(receipt!.Body, out _)!.PaymentId);
        Assert.Null(await _run.Queue.Receive(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Running_sweeper_requeues_a_stalled_payment_on_its_interval_and_stops_when_cancelled()
    {
        var id = await _run.Request();
        await DeadLetterItsJob(id);
        await _run.Project();
        using var stop = new CancellationTokenSource();
        var running = _run.Sweeper.Run(stop.Token);

        for (var i = 0; i < 1000 && await _run.Queue.CountPending(CancellationToken.None) == 0; i++)
        {
            _run.Fixture.Time.Advance(EmbeddedSweep.Options.Interval);
            await Task.Delay(1);
        }

        Assert.Equal(1, await _run.Queue.CountPending(CancellationToken.None));
        await stop.CancelAsync();
        await running;
    }

    public async ValueTask DisposeAsync() => await _run.DisposeAsync();

    /// <summary>
    /// The worker dies mid on-ramp on every receive (before any answer), so the queue dead-letters the job after its
    /// last receive while the payment stays PROCESSING with no job left.
    /// </summary>
    private async Task DeadLetterItsJob(Guid id)
    {
        var receives = _run.Queue.MaxReceives;
        for (var receive = 0; receive < receives; receive++)
        {
            _run.Ramps.OnRamp(() => throw new InvalidOperationException("worker died (scripted)"));
        }

        for (var receive = 1; receive <= receives; receive++)
        {
            Assert.True(await _run.ProcessNext());
            _run.Fixture.Time.Advance(TimeSpan.FromSeconds(receive));
        }

        var dead = await _run.Queue.ReadDeadLetters(CancellationToken.None);
        Assert.Contains(dead, d => d.Body.Contains(id.ToString("D"), StringComparison.Ordinal));
        Assert.Equal(0, await _run.Queue.CountPending(CancellationToken.None));
        Assert.Equal(PaymentStatus.Processing, (await _run.Fixture.Load(id)).Status);
    }
}
