using Payments.EventStore.Contract;

namespace Payments.EventStore.Tests.Contract;

/// <summary>Neutral events for the store's contract: the store knows nothing of payments.</summary>
public static class TestEvents
{
    public static readonly EventMetadata Metadata = new("corr-1", "cause-1", "test");

    public static NewEvent Numbered(int n) =>
        new("Thing" + (n % 3), 1, $$"""{"n":{{n}},"note":"é ✓ \"quoted\""}""", new EventMetadata($"corr-{n}", null, "test"));

    public static IReadOnlyList<NewEvent> Many(int count, int offset = 0) =>
        Enumerable.Range(offset, count).Select(Numbered).ToList();

    public static StreamId NewStream() => StreamId.For(Guid.NewGuid());
}
