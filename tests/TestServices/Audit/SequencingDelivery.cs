using Payments.EventStore.Contract;

namespace Payments.TestServices.Audit;

/// <summary>One batch handed to the sequencer of a shard, with the faults to play around it.</summary>
public sealed record SequencingDelivery(int Shard, IReadOnlyList<StoredEvent> Events, bool Intrude, bool LoseAcknowledgement)
{
    public override string ToString() =>
        $"shard {Shard}: [{string.Join(' ', Events.Select(e => $"{e.StreamId}/v{e.Version}"))}]{(Intrude ? " raced" : "")}{(LoseAcknowledgement ? " ack-lost" : "")}";
}
