namespace Payments.Bench;

/// <summary>The projection consumer catching up an empty SQLite read model over a seeded log.</summary>
internal sealed record ProjectorCatchUp(long Records, double RecordsPerSecond, int PageSize);
