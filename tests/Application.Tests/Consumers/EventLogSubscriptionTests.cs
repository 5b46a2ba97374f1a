using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Consumers;
using Payments.Embedded.Consumers;
using Payments.TestServices;

namespace Payments.Application.Tests.Consumers;

public sealed class EventLogSubscriptionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(8)]
    public async Task Stop_policy_holds_the_checkpoint_before_the_poison_event_and_goes_on_after_a_restart_once_the_fault_clears(long poison)
    {
        using var directory = new TempDirectory();
        var time = Clock.Fake();
        var log = new InMemoryEventLog(10, time.GetUtcNow());
        var consumer = new RecordingConsumer { Fault = e => e.Position == poison ? new InvalidDataException("ledger row missing") : null };
        await using var store = SqliteConsumerStore.Open(directory.File("consumers.db"), time);
        var policy = PoisonPolicy.Stop(maxAttempts: 3);

        var stalled = await Assert.ThrowsAsync<ConsumerStalledException>(
            () => time.Pump(Subscription(consumer, log, store, policy, time).CatchUp(CancellationToken.None), policy.MaxBackoff));

        Assert.Contains($"before position {poison}", stalled.Message, StringComparison.Ordinal);
        Assert.Equal(poison - 1, await store.Load(consumer.Name, CancellationToken.None));
        Assert.Empty(await store.List(consumer.Name, CancellationToken.None));
        Assert.Equal(Positions(1, poison - 1), consumer.Handled);
        Assert.DoesNotContain(consumer.Calls, call => call[0] > poison);
        Assert.Equal(3, consumer.CallsAlone(poison));

        // A new process on the same file: it must start at the poison event, not before it and not after it.
        await store.DisposeAsync();
        await using var reopened = SqliteConsumerStore.Open(directory.File("consumers.db"), time);
        consumer.Fault = _ => null;
        var passed = await Subscription(consumer, log, reopened, policy, time).CatchUp(CancellationToken.None);

        Assert.Equal(10 - poison + 1, passed);
        Assert.Equal(Positions(1, 10), consumer.Handled);
        Assert.Equal(10, await reopened.Load(consumer.Name, CancellationToken.None));
    }

    [Fact]
    public async Task Retries_of_one_event_wait_the_first_backoff_then_twice_as_long_each_time_up_to_the_cap()
    {
        var fake = Clock.Fake();
        var time = new WaitWatchingClock(fake);
        var start = fake.GetUtcNow();
        var log = new InMemoryEventLog(1, start);
        var attemptsAt = new List<TimeSpan>();
        var consumer = new RecordingConsumer
        {
            BeforeHandle = _ => attemptsAt.Add(fake.GetUtcNow() - start),
            Fault = _ => new TimeoutException("projection database busy"),
        };
        var store = new InMemoryConsumerStore();
        var policy = new PoisonPolicy(6, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), PoisonAction.Park);

        var catchUp = Subscription(consumer, log, store, policy, time).CatchUp(CancellationToken.None);

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt < policy.MaxAttempts; attempt++)
        {
            var wait = await time.NextWait(TimeSpan.FromSeconds(10));
            waits.Add(wait);
            fake.Advance(wait - TimeSpan.FromMilliseconds(1));
            Assert.Equal(attempt, consumer.Calls.Count);
            Assert.False(catchUp.IsCompleted);
            fake.Advance(TimeSpan.FromMilliseconds(1));
        }

        await catchUp.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Milliseconds(100, 200, 400, 500, 500), waits);
        Assert.Equal(Milliseconds(0, 100, 300, 700, 1200, 1700), attemptsAt);
        Assert.Equal(6, Assert.Single(await store.List(consumer.Name, CancellationToken.None)).Attempts);
    }

    [Fact]
    public async Task Shutdown_while_the_consumer_works_is_not_mistaken_for_a_poison_event()
    {
        var time = Clock.Fake();
        var log = new InMemoryEventLog(8, time.GetUtcNow());
        using var shutdown = new CancellationTokenSource();
        var consumer = new RecordingConsumer
        {
            BeforeHandle = events =>
            {
                if (events.Any(e => e.Position == 6))
                {
                    shutdown.Cancel();
                }

                shutdown.Token.ThrowIfCancellationRequested();
            },
        };
        var store = new InMemoryConsumerStore();

        // One attempt: were the cancellation taken for the event failing, that event would be parked at once.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Subscription(consumer, log, store, PoisonPolicy.Park(maxAttempts: 1), time).CatchUp(shutdown.Token));

        Assert.Equal(2, consumer.Calls.Count);
        Assert.Empty(await store.List(consumer.Name, CancellationToken.None));
        Assert.Equal(4, await store.Load(consumer.Name, CancellationToken.None));
    }

    [Fact]
    public async Task Lag_counts_the_events_past_the_checkpoint_ages_the_oldest_of_them_and_counts_parked_events()
    {
        var time = Clock.Fake();
        var start = time.GetUtcNow();
        var log = new InMemoryEventLog(0, start);
        for (var minute = 1; minute <= 6; minute++)
        {
            log.Append(start.AddMinutes(minute));
        }

        var consumer = new RecordingConsumer { Fault = e => e.Position == 3 ? new InvalidDataException("unknown event type") : null };
        var store = new InMemoryConsumerStore();

        // No backoff: this test moves the clock itself, and a retry waiting on it would hang rather than fail.
        var policy = PoisonPolicy.Park(maxAttempts: 1) with { FirstBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero };
        var subscription = Subscription(consumer, log, store, policy, time);
        time.SetUtcNow(start.AddMinutes(10));
        await subscription.CatchUp(CancellationToken.None);
        for (var minute = 11; minute <= 14; minute++)
        {
            log.Append(start.AddMinutes(minute));
        }

        time.SetUtcNow(start.AddMinutes(20));

        var behind = await subscription.Measure(log.Head, CancellationToken.None);

        Assert.Equal(new ConsumerLag(consumer.Name, 10, 6, TimeSpan.FromMinutes(20 - 11), 1, null), behind);
        Assert.Equal(4, behind.Behind);

        await subscription.CatchUp(CancellationToken.None);
        var caughtUp = await subscription.Measure(log.Head, CancellationToken.None);

        Assert.Equal(new ConsumerLag(consumer.Name, 10, 10, TimeSpan.Zero, 1, null), caughtUp);
        Assert.Equal(0, caughtUp.Behind);
    }

    [Fact]
    public async Task Rerun_of_a_parked_event_hands_it_over_again_and_releases_it_or_keeps_it_parked_with_the_new_error()
    {
        var time = Clock.Fake();
        var log = new InMemoryEventLog(5, time.GetUtcNow());
        var consumer = new RecordingConsumer { Fault = e => e.Position == 3 ? new InvalidDataException("unknown event type") : null };
        using var directory = new TempDirectory();
        await using var store = SqliteConsumerStore.Open(directory.File("consumers.db"), time);
        var policy = PoisonPolicy.Park(maxAttempts: 1) with { FirstBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero };
        var subscription = Subscription(consumer, log, store, policy, time);
        await subscription.CatchUp(CancellationToken.None);
        Assert.DoesNotContain(3L, consumer.Handled);

        consumer.Fault = e => e.Position == 3 ? new InvalidDataException("still unknown") : null;
        var failedAgain = await subscription.Rerun(3, CancellationToken.None);
        var stillParked = Assert.Single(await store.List(consumer.Name, CancellationToken.None));

        consumer.Fault = _ => null;
        var notParked = await subscription.Rerun(4, CancellationToken.None);
        var handled = await subscription.Rerun(3, CancellationToken.None);

        Assert.Equal((ParkedEventRerun.FailedAgain, ParkedEventRerun.NotParked, ParkedEventRerun.Handled), (failedAgain, notParked, handled));
        Assert.Equal("still unknown", stillParked.Error);
        Assert.Equal(1, consumer.Handled.Count(p => p == 3));
        Assert.Equal(1, consumer.Handled.Count(p => p == 4));
        Assert.Empty(await store.List(consumer.Name, CancellationToken.None));
        Assert.Equal(5, await store.Load(consumer.Name, CancellationToken.None));
    }

    private static EventLogSubscription Subscription<TStore>(RecordingConsumer consumer, InMemoryEventLog log, TStore store, PoisonPolicy policy, TimeProvider time)
        where TStore : ICheckpointStore, IParkedEventStore =>
        new(consumer, log, store, store, policy, time, NullLogger.Instance) { PageSize = 4 };

    private static List<TimeSpan> Milliseconds(params int[] values) => [.. values.Select(ms => TimeSpan.FromMilliseconds(ms))];

    private static List<long> Positions(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(p => (long)p)];
}
