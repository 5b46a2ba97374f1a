using Payments.Application.Consumers;
using Payments.EventStore.Contract;

namespace Payments.Application.Audit;

/// <summary>
/// The cloud sequencer as a log consumer on the events table's stream: positions the events it is handed and extends
/// the tree (<see cref="AuditSequencer"/>), then signs a checkpoint when one is due, so the cloud's checkpoints keep
/// coming without a scheduler of their own. Redelivered records keep the positions they got.
/// </summary>
public sealed class AuditSequencerConsumer(AuditSequencer sequencer, AuditCheckpointer checkpointer, AuditOptions options) : IEventConsumer
{
    public const string ConsumerName = "audit-sequencer";

    public string Name => ConsumerName;

    public async Task Handle(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        await sequencer.Sequence(events, cancellationToken).ConfigureAwait(false);
        await checkpointer.SignIfDue(options.CheckpointInterval, cancellationToken).ConfigureAwait(false);
    }
}
