using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Consumers;
using Payments.EventStore.Contract;
using Payments.TestServices;

namespace Payments.Application.Tests.Consumers;

public sealed class EventLogSubscriptionPoisonProperties
{
    private static readonly Gen<(int Events, int PageSize, int MaxAttempts, List<long> Poison)> Scenarios =
        from events in Gen.Choose(1, 60)
        from pageSize in Gen.Choose(1, 10)
        from maxAttempts in Gen.Choose(1, 4)
        from poison in Gen.Choose(1, events).ListOf().Select(l => l.Select(p => (long)p).Distinct().Order().Take(events / 3 + 1).ToList())
        select (events, pageSize, maxAttempts, poison);

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Poison_events_are_each_parked_once_after_their_attempts_and_every_other_event_is_handled_once_in_order() =>
        Prop.ForAll(Arb.From(Scenarios), scenario =>
        {
            var (events, pageSize, maxAttempts, poison) = scenario;
            var time = Clock.Fake();
            var log = new InMemoryEventLog(events, time.GetUtcNow().AddMinutes(-5));
            var store = new InMemoryConsumerStore();
            var consumer = new RecordingConsumer { Fault = e => poison.Contains(e.Position) ? new InvalidDataException($"cannot read position {e.Position}") : null };

            // No waits between attempts: the backoff has its own test, and here it would only make the property slow.
            var policy = PoisonPolicy.Park(maxAttempts) with { FirstBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero };
            var subscription = new EventLogSubscription(consumer, log, store, store, policy, time, NullLogger.Instance) { PageSize = pageSize };

            var passed = Run(subscription.CatchUp(CancellationToken.None));

            var parked = Run(store.List(consumer.Name, CancellationToken.None));
            var healthy = Enumerable.Range(1, events).Select(p => (long)p).Except(poison).ToList();
            return (passed == events).Label($"went past {passed} of {events}")
                .And(parked.Select(p => p.Position).SequenceEqual(poison).Label($"parked [{string.Join(',', parked.Select(p => p.Position))}]"))
                .And(parked.All(p => p.Attempts == maxAttempts).Label($"parked after [{string.Join(',', parked.Select(p => p.Attempts))}] attempts"))
                .And(parked.All(p => p == Expected(log.At(p.Position), consumer.Name, maxAttempts, time.GetUtcNow())).Label("parked with the event's identity and its error"))
                .And(poison.All(p => consumer.CallsAlone(p) == maxAttempts).Label($"tried alone [{string.Join(',', poison.Select(consumer.CallsAlone))}] times"))
                .And(consumer.Handled.SequenceEqual(healthy).Label($"handled [{string.Join(',', consumer.Handled)}]"))
                .And((Run(store.Load(consumer.Name, CancellationToken.None)) == events).Label("checkpoint at the head"))
                .Classify(poison.Count > 0, "some poison");
        });

    private static ParkedEvent Expected(StoredEvent stored, string consumer, int attempts, DateTimeOffset now) =>
        new(consumer, stored.Position, stored.StreamId.Value, stored.Version, stored.Type, $"cannot read position {stored.Position}", attempts, now);

    private static T Run<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
