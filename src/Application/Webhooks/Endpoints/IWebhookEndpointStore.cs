namespace Payments.Application.Webhooks.Endpoints;

/// <summary>Webhook endpoints, always scoped by client: one client never reads or changes another's.</summary>
public interface IWebhookEndpointStore
{
    /// <summary>Stores a new endpoint (revision 1); throws when the id exists.</summary>
    Task Add(WebhookEndpoint endpoint, CancellationToken cancellationToken);

    Task<WebhookEndpoint?> Find(string clientId, string endpointId, CancellationToken cancellationToken);

    /// <summary>The client's endpoints, oldest first.</summary>
    Task<IReadOnlyList<WebhookEndpoint>> ListFor(string clientId, CancellationToken cancellationToken);

    /// <summary>Replaces the endpoint if the stored one is at <c>endpoint.Revision - 1</c>; false when it moved on or is gone.</summary>
    Task<bool> Replace(WebhookEndpoint endpoint, CancellationToken cancellationToken);

    /// <summary>False when there was nothing to delete.</summary>
    Task<bool> Remove(string clientId, string endpointId, CancellationToken cancellationToken);
}
