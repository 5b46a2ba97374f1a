namespace Payments.Functions.Api.Contracts;

/// <summary>
/// One page of the ordered event feed. <paramref name="NextCursor"/> is always present: pass it back as <c>after</c>,
/// also after an empty page, to poll at the head.
/// </summary>
public sealed record EventFeedResponse(IReadOnlyList<FeedEventResponse> Events, string NextCursor);
