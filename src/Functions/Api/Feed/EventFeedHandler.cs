using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Payments.Application.Feed;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api.Feed;

/// <summary>GET /events?after=&amp;limit=: the ordered feed, every client's for finance and auditors, a client's own otherwise.</summary>
public static class EventFeedHandler
{
    public static async Task<IResult> Handle(HttpContext http, [FromServices] EventFeed feed, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var query = http.Request.Query;
        var limit = QueryLimit.Parse(query["limit"].ToString(), EventFeed.DefaultLimit, EventFeed.MaxLimit, errors);
        var after = ParseCursor(query["after"].ToString(), errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var scope = ApiCaller.ReadsWholeFeed(http) ? FeedScope.Everything : FeedScope.OfClient(ApiCaller.Client(http).ClientId);
        var page = await feed.Read(scope, after, limit, cancellationToken);
        var body = new EventFeedResponse(page.Events.Select(ToResponse).ToList(), FeedCursor.Encode(page.ResumeAfter));
        return Results.Json(body, ApiJsonContext.Default.EventFeedResponse);
    }

    private static long ParseCursor(string raw, List<FieldError> errors)
    {
        if (raw.Length == 0)
        {
            return 0;
        }

        if (FeedCursor.TryDecode(raw, out var after))
        {
            return after;
        }

        errors.Add(new FieldError("after", "invalid", "after must be a next_cursor value from a previous page of /events, unaltered"));
        return 0;
    }

    private static FeedEventResponse ToResponse(StoredEvent e)
    {
        using var data = JsonDocument.Parse(e.Data);
        return new FeedEventResponse(
            e.Position, Guid.Parse(e.StreamId.Value), e.Version, e.Type, e.SchemaVersion, e.OccurredAt, data.RootElement.Clone(),
            new FeedEventMetadata(e.Metadata.CorrelationId, e.Metadata.CausationId, e.Metadata.Actor), e.Hash, e.HashScheme);
    }
}
