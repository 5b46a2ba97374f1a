using System.Runtime.CompilerServices;
using Payments.EventStore.Contract;

namespace Payments.Functions.Cli.Export;

/// <summary>
/// The events recorded in [from, to), in position order, paged through <see cref="IEventLog.ReadAll"/>. The whole log
/// is read: recorded times follow positions only as far as the writer's clock never steps back, and an export that
/// stopped at the first later time would silently drop what came after such a step.
/// </summary>
internal static class EventLogWindow
{
    public const int PageSize = 1_000;

    public static async IAsyncEnumerable<StoredEvent> Read(
        IEventLog log, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken, int pageSize = PageSize)
    {
        long after = 0;
        while (true)
        {
            var page = await log.ReadAll(after, pageSize, cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var stored in page.Where(e => e.OccurredAt >= from && e.OccurredAt < to))
            {
                yield return stored;
            }

            after = page[^1].Position;
        }
    }
}
