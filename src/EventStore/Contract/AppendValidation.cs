namespace Payments.EventStore.Contract;

/// <summary>Argument rules every backend enforces identically before touching storage.</summary>
public static class AppendValidation
{
    public const int MaxEventsPerAppend = 50;

    public static void Check(ExpectedVersion expected, IReadOnlyList<NewEvent> events, UniqueKeyClaim? claim)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count is 0 or > MaxEventsPerAppend)
        {
            throw new ArgumentException($"An append carries 1–{MaxEventsPerAppend} events.", nameof(events));
        }

        foreach (var e in events)
        {
            if (string.IsNullOrWhiteSpace(e.Type) || e.SchemaVersion < 1 || string.IsNullOrEmpty(e.Data))
            {
                throw new ArgumentException("Every event needs a type, a schema version ≥ 1 and JSON data.", nameof(events));
            }
        }

        if (claim is not null && expected != ExpectedVersion.NoStream)
        {
            throw new ArgumentException("A unique key can only be claimed by the first append of a stream.", nameof(claim));
        }

        if (claim is not null && (string.IsNullOrEmpty(claim.Key) || claim.Key.Length > UniqueKeyClaim.MaxKeyLength))
        {
            throw new ArgumentException($"A claimed key is 1–{UniqueKeyClaim.MaxKeyLength} characters.", nameof(claim));
        }
    }
}
