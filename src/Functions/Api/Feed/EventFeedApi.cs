using Payments.Application.Feed;
using Payments.Functions.Api.Auth;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api.Feed;

/// <summary>
/// The ordered feed's services and route, for hosts whose composition registers an <see cref="Payments.EventStore.Contract.IEventLog"/>
/// (the embedded store; in the cloud, the sequencer's log). A host without one maps no /events at all.
/// </summary>
public static class EventFeedApi
{
    public const string Route = "/events";

    /// <summary>Registers the feed over the host's <see cref="Payments.EventStore.Contract.IEventLog"/> and <see cref="Payments.EventStore.Contract.IEventReader"/>.</summary>
    public static IServiceCollection AddEventFeed(this IServiceCollection services)
    {
        services.AddSingleton<PaymentOwners>();
        services.AddSingleton<EventFeed>();
        return services;
    }

    public static void MapEventFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, EventFeedHandler.Handle)
            .RequireAuthorization(ApiPolicies.AnyOf(ApiPolicies.Client, ApiPolicies.Finance, ApiPolicies.Auditor))
            .WithTags("Feed")
            .WithSummary("Every event in global order, resumable by cursor")
            .WithDescription(
                "Events in global position order, `limit` per page (default 100, at most 1000). Pass `next_cursor` back as `after` " +
                "to resume; it is always present, so a reader at the head polls with it. A `client` key sees only its own payments' " +
                "events (a page skips other clients' events but is only short at the head); `finance` and `auditor` keys see every client's. " +
                "An altered or unknown cursor is a 400.")
            .Produces<EventFeedResponse>()
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status401Unauthorized, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status403Forbidden, "application/problem+json");
    }
}
