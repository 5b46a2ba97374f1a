namespace Payments.Embedded.EventStore;

/// <summary>How the event store's writer connection is set up beyond the defaults.</summary>
public sealed record SqliteEventStoreOptions
{
    /// <summary>
    /// A hard cap on the events file in pages (SQLite's <c>max_page_count</c>; a page is 4 KiB): past it an append fails
    /// exactly as on a full disk. Null for no cap. Lets an operator reserve room, and tests exercise the disk-full path.
    /// </summary>
    public long? MaxPageCount { get; init; }
}
