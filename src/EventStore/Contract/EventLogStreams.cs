namespace Payments.EventStore.Contract;

/// <summary>Every stream in the global log, in order of first appearance; for auditors and rebuilds that visit each stream once.</summary>
public static class EventLogStreams
{
    private const int Page = 5_000;

    public static async Task<IReadOnlyList<StreamId>> All(IEventLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var seen = new HashSet<StreamId>();
        var ordered = new List<StreamId>();
        long cursor = 0;
        while (true)
        {
            var page = await log.ReadAll(cursor, Page, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return ordered;
            }

            ordered.AddRange(page.Select(e => e.StreamId).Where(seen.Add));
            cursor = page[^1].Position;
        }
    }
}
