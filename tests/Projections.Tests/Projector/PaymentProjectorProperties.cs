using FsCheck;
using FsCheck.Fluent;
using Payments.EventStore.Contract;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;
using Payments.Projections.Tests.Support;

namespace Payments.Projections.Tests.Projector;

public sealed class PaymentProjectorProperties
{
    private static readonly Gen<(List<List<StoredEvent>> Streams, int Seed)> Scenario =
        from streams in PaymentStreams.ManyPayments(6)
        from seed in Gen.Choose(0, int.MaxValue)
        select (streams, seed);

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Any_per_key_ordered_delivery_with_duplicates_projects_to_the_fold() =>
        Prop.ForAll(Arb.From(Scenario), s => ProjectsToFold(s.Streams, Deliveries.PerKeyOrderWithDuplicates(s.Streams, s.Seed)));

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Even_fully_shuffled_delivery_with_duplicates_projects_to_the_fold() =>
        Prop.ForAll(Arb.From(Scenario), s => ProjectsToFold(s.Streams, Deliveries.Shuffled(s.Streams, s.Seed)));

    /// <summary>
    /// Once an off-ramp has failed, the next transitions depend on the failure reason, which the row does not carry: those
    /// (rare) payments are refolded from the log, which the shuffled-delivery property covers.
    /// </summary>
    [FsCheck.Xunit.Property(MaxTest = 100)]
    public Property In_order_delivery_never_needs_to_refold_before_an_off_ramp_failure() =>
        Prop.ForAll(Arb.From(PaymentStreams.ManyPayments(4)), all =>
        {
            var streams = all.Select(s => s.TakeWhile(e => e.Type != "OffRampFailed").ToList()).ToList();
            var store = new InMemoryPaymentStore();
            var projector = new PaymentProjector(new InMemoryEventLog(streams));
            var outcomes = streams.SelectMany(s => s).Select(e => projector.Apply(e, store, CancellationToken.None).GetAwaiter().GetResult()).ToList();
            return outcomes.All(o => o == ProjectionOutcome.Applied);
        });

    private static bool ProjectsToFold(List<List<StoredEvent>> streams, List<StoredEvent> delivery)
    {
        var store = new InMemoryPaymentStore();
        var projector = new PaymentProjector(new InMemoryEventLog(streams));
        foreach (var e in delivery)
        {
            projector.Apply(e, store, CancellationToken.None).GetAwaiter().GetResult();
        }

        return streams.All(s => store.Rows[Guid.Parse(s[0].StreamId.Value)] == PaymentRecord.From(PaymentStreams.Fold(s)));
    }
}
