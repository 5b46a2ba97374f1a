namespace Payments.Bench;

/// <summary>
/// One writer count of `append`: the store's durable appends and, on SQLite, raw inserts of the same rows at the store's
/// measured batch size (appends per commit, rounded) with the same durability, and the store's share of them.
/// </summary>
internal sealed record AppendRow(
    string Backend,
    int Writers,
    long Events,
    double EventsPerSecond,
    double P50Ms,
    double P99Ms,
    double? AppendsPerCommit,
    int? RawBatchSize,
    double? RawEventsPerSecond,
    double? StoreToRaw);
