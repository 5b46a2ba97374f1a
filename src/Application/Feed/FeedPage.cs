using Payments.EventStore.Contract;

namespace Payments.Application.Feed;

/// <summary>
/// One page of the feed in position order, and the position to resume after: the last event looked at, which for a
/// client may be another client's event past the last one shown (so the next page does not look at it again).
/// </summary>
public sealed record FeedPage(IReadOnlyList<StoredEvent> Events, long ResumeAfter);
