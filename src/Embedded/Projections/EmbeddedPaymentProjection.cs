using Microsoft.Extensions.Logging.Abstractions;
using Payments.EventStore.Contract;
using Payments.Projections.Projector;

namespace Payments.Embedded.Projections;

/// <summary>
/// The embedded trigger: tails the SQLite event log by global position from the checkpoint stored
/// in the read model, one page per read-model transaction, and sleeps on the store's commit signal
/// instead of polling. The same <see cref="PaymentProjector"/> the Streams Lambda uses does the work.
/// </summary>
public sealed class EmbeddedPaymentProjection(IEventReader events, SqlitePaymentReadModel readModel, ILogger<EmbeddedPaymentProjection>? logger = null)
{
    public const int DefaultPageSize = 500;

    private readonly ILogger _logger = logger ?? NullLogger<EmbeddedPaymentProjection>.Instance;
    private readonly PaymentProjector _projector = new(events);

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Applies everything committed after the checkpoint; returns how many events it applied.</summary>
    public async Task<long> CatchUp(CancellationToken cancellationToken)
    {
        long applied = 0;
        while (true)
        {
            var page = await ApplyNextPage(clearFirst: false, cancellationToken).ConfigureAwait(false);
            if (page == 0)
            {
                return applied;
            }

            applied += page;
        }
    }

    /// <summary>
    /// Recomputes the read model from the whole log: the first page commits together with the
    /// delete, so readers never see an empty table and a crash leaves the old rows or a resumable rebuild.
    /// The projector has no side effects, so a rebuild never re-sends a webhook or calls a ramp.
    /// </summary>
    public async Task<long> Rebuild(CancellationToken cancellationToken)
    {
        var first = await ApplyNextPage(clearFirst: true, cancellationToken).ConfigureAwait(false);
        return first + await CatchUp(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Catches up, then waits for the next commit past the checkpoint, until cancelled.</summary>
    public async Task Run(IAppendNotifier notifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var applied = await CatchUp(cancellationToken).ConfigureAwait(false);
                var checkpoint = await readModel.Checkpoint(cancellationToken).ConfigureAwait(false);
                if (applied > 0)
                {
                    ProjectorLog.CaughtUp(_logger, applied, checkpoint);
                }

                await notifier.WaitForCommitAfter(checkpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // A poison event must not kill the host: the checkpoint stays before it, loudly, until it is fixed.
                ProjectorLog.TailFailed(_logger, error);
                await Pause(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task Pause(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task<int> ApplyNextPage(bool clearFirst, CancellationToken cancellationToken)
    {
        await using var batch = readModel.BeginBatch();
        if (clearFirst)
        {
            await batch.Clear(cancellationToken).ConfigureAwait(false);
        }

        var after = clearFirst ? 0 : batch.Checkpoint;
        var page = await events.ReadAll(after, PageSize, cancellationToken).ConfigureAwait(false);
        foreach (var stored in page)
        {
            await _projector.Apply(stored, batch, cancellationToken).ConfigureAwait(false);
        }

        if (page.Count > 0 || clearFirst)
        {
            await batch.Commit(page.Count > 0 ? page[^1].Position : 0, cancellationToken).ConfigureAwait(false);
        }

        return page.Count;
    }
}
