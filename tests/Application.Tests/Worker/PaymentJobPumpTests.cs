using Payments.Application.Tests.Sweeping;
using Payments.Domain.Ramps;
using Payments.Domain.State;

namespace Payments.Application.Tests.Worker;

/// <summary>The pump's slots over the real embedded queue: as many jobs in flight as slots allow, never more, and none lost.</summary>
public sealed class PaymentJobPumpTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly EmbeddedSweep _run = EmbeddedSweep.Create();

    [Fact]
    public async Task Pump_keeps_exactly_its_slots_in_flight_while_ramps_wait_and_settles_every_job_when_they_answer()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await _run.Request());
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _run.Ramps.Gate = gate;
        using var stop = new CancellationTokenSource();
        var pump = _run.Pump.Run(concurrency: 5, stop.Token);

        await Until(() => OnRampCalls(ids) == 5);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.Equal(5, OnRampCalls(ids));

        _run.Ramps.Gate = null;
        gate.SetResult();
        await Until(() => _run.Queue.CountPending(CancellationToken.None).Result == 0);
        await stop.CancelAsync();
        await pump.WaitAsync(Patience);

        foreach (var id in ids)
        {
            Assert.Equal(PaymentStatus.Completed, (await _run.Fixture.Load(id)).Status);
            Assert.Equal(1, _run.Ramps.CallsFor(id, RampLeg.OnRamp));
        }
    }

    [Fact]
    public async Task Stopping_the_pump_waits_for_jobs_in_flight_and_leaves_them_in_the_queue()
    {
        var id = await _run.Request();
        _run.Ramps.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var pump = _run.Pump.Run(concurrency: 3, stop.Token);
        await Until(() => _run.Ramps.CallsFor(id, RampLeg.OnRamp) == 1);

        await stop.CancelAsync();
        var stopped = await Task.WhenAny(pump, Task.Delay(TimeSpan.FromMilliseconds(300)));

        Assert.NotSame(pump, stopped);
        _run.Ramps.Gate.SetResult();
        await pump.WaitAsync(Patience);
        Assert.Equal(1, await _run.Queue.CountPending(CancellationToken.None));
    }

    public ValueTask DisposeAsync() => _run.DisposeAsync();

    private int OnRampCalls(IEnumerable<Guid> ids) => ids.Sum(id => _run.Ramps.CallsFor(id, RampLeg.OnRamp));

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }
}
