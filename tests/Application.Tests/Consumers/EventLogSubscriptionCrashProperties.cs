using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Consumers;
using Payments.Embedded.Consumers;
using Payments.TestServices;

namespace Payments.Application.Tests.Consumers;

public sealed class EventLogSubscriptionCrashProperties
{
    private enum CrashPoint
    {
        ConsumerBeforeHandling,
        ConsumerAfterHandling,
        SaveBeforeWrite,
        SaveAfterWrite,
    }

    private static readonly Gen<Scenario> Scenarios =
        from events in Gen.Choose(1, 60)
        from pageSize in Gen.Choose(1, 10)
        from crashes in Gen.Elements(Enum.GetValues<CrashPoint>())
            .Zip(Gen.Choose(1, ((events + pageSize - 1) / pageSize) + 1))
            .ListOf()
            .Select(l => l.Distinct().Take(10).ToList())
        select new Scenario(events, pageSize, crashes);

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Process_deaths_anywhere_around_a_page_never_skip_or_reorder_an_event_and_the_checkpoint_reaches_the_head() =>
        Prop.ForAll(Arb.From(Scenarios), scenario =>
        {
            var store = new InMemoryConsumerStore();
            return Replay(scenario, () => store, _ => ValueTask.CompletedTask);
        });

    [FsCheck.Xunit.Property(MaxTest = 40)]
    public Property Process_deaths_with_the_sqlite_store_reopened_by_each_new_process_never_skip_or_reorder_an_event() =>
        Prop.ForAll(Arb.From(Scenarios), scenario =>
        {
            using var directory = new TempDirectory();
            var time = Clock.Fake();
            return Replay(scenario, () => SqliteConsumerStore.Open(directory.File("consumers.db"), time), store => store.DisposeAsync());
        });

    /// <summary>
    /// Runs the log through one process after another until one gets to the end: each process is a new subscription
    /// over the store as the last one left it, and dies at the next crash point of the schedule it reaches.
    /// </summary>
    private static Property Replay<TStore>(Scenario scenario, Func<TStore> open, Func<TStore, ValueTask> close)
        where TStore : ICheckpointStore, IParkedEventStore
    {
        var time = Clock.Fake();
        var log = new InMemoryEventLog(scenario.Events, time.GetUtcNow());
        var consumer = new RecordingConsumer();
        var schedule = new Schedule(scenario.Crashes);
        var process = new CancellationTokenSource();

        // Inside the consumer a death has to look like shutdown: anything else is a failing event the subscription
        // isolates and retries, which is the poison path, not a crash.
        consumer.BeforeHandle = _ => DieIfDue(CrashPoint.ConsumerBeforeHandling);
        consumer.AfterHandle = _ => DieIfDue(CrashPoint.ConsumerAfterHandling);

        var deaths = 0;
        while (true)
        {
            var store = open();
            var subscription = new EventLogSubscription(
                consumer, log, new CrashingCheckpoints(store, schedule, scenario.Events), store, PoisonPolicy.Park(), time, NullLogger.Instance)
            {
                PageSize = scenario.PageSize,
            };
            try
            {
                Run(subscription.CatchUp(process.Token));
                Run(close(store).AsTask());
                break;
            }
            catch (Exception e) when (e is SimulatedCrashException || (e is OperationCanceledException && process.IsCancellationRequested))
            {
                Run(close(store).AsTask());
                process.Dispose();
                process = new CancellationTokenSource();
                if (++deaths > scenario.Crashes.Count)
                {
                    return false.Label($"{deaths} deaths from {scenario.Crashes.Count} scheduled crashes");
                }
            }
        }

        process.Dispose();
        var reopened = open();
        var checkpoint = Run(reopened.Load(consumer.Name, CancellationToken.None));
        Run(close(reopened).AsTask());

        var handled = consumer.Handled;
        var firstTimes = handled.Distinct().ToList();
        var all = Enumerable.Range(1, scenario.Events).Select(p => (long)p).ToList();
        return all.All(handled.Contains).Label($"every position handled; handled [{string.Join(',', handled)}]")
            .And(firstTimes.Zip(firstTimes.Skip(1)).All(pair => pair.First < pair.Second).Label($"first handled in increasing order [{string.Join(',', firstTimes)}]"))
            .And(firstTimes.SequenceEqual(all).Label("first handlings are exactly 1..N"))
            .And((handled.Count <= scenario.Events + (deaths * scenario.PageSize)).Label($"only the page in flight is re-delivered: {handled.Count} handlings, {deaths} deaths"))
            .And((checkpoint == scenario.Events).Label($"final checkpoint {checkpoint}"))
            .Classify(deaths > 0, "restarted");

        void DieIfDue(CrashPoint point)
        {
            if (schedule.Due(point))
            {
                process.Cancel();
                process.Token.ThrowIfCancellationRequested();
            }
        }
    }

    private static T Run<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Run(Task task) => task.GetAwaiter().GetResult();

    private sealed record Scenario(int Events, int PageSize, List<(CrashPoint Point, int Occurrence)> Crashes)
    {
        public override string ToString() =>
            $"{Events} events, pages of {PageSize}, crashes [{string.Join(", ", Crashes.Select(c => $"{c.Point}#{c.Occurrence}"))}]";
    }

    /// <summary>
    /// Crash points as the n-th time the run reaches a kind of point, counted across processes, each firing once:
    /// every schedule ends, and a crash lands on whatever page the run happens to be at by then.
    /// </summary>
    private sealed class Schedule(IEnumerable<(CrashPoint Point, int Occurrence)> crashes)
    {
        private readonly HashSet<(CrashPoint Point, int Occurrence)> _pending = [.. crashes];
        private readonly Dictionary<CrashPoint, int> _reached = [];

        public bool Due(CrashPoint point)
        {
            var occurrence = _reached[point] = _reached.GetValueOrDefault(point) + 1;
            return _pending.Remove((point, occurrence));
        }
    }

    /// <summary>Dies in the checkpoint store, which the subscription does not guard: the death surfaces from CatchUp as it would end a process.</summary>
    private sealed class CrashingCheckpoints(ICheckpointStore inner, Schedule schedule, int events) : ICheckpointStore
    {
        private int _saves;

        public Task<long> Load(string consumer, CancellationToken cancellationToken) => inner.Load(consumer, cancellationToken);

        public async Task Save(string consumer, long position, CancellationToken cancellationToken)
        {
            // A subscription that never gets past a page would otherwise spin here forever instead of failing.
            if (++_saves > events * 20)
            {
                throw new InvalidOperationException($"{_saves} checkpoint saves for {events} events: the subscription is not advancing");
            }

            if (schedule.Due(CrashPoint.SaveBeforeWrite))
            {
                throw new SimulatedCrashException($"died before saving checkpoint {position}");
            }

            await inner.Save(consumer, position, cancellationToken);
            if (schedule.Due(CrashPoint.SaveAfterWrite))
            {
                throw new SimulatedCrashException($"died after saving checkpoint {position}");
            }
        }
    }

    private sealed class SimulatedCrashException(string message) : Exception(message);
}
