using Payments.Domain.Requests;

namespace Payments.Application.Webhooks.Endpoints;

/// <summary>The answer to a change of a client's endpoints. <see cref="Saved.Secret"/> is set only at creation and rotation, the one time it is shown.</summary>
public abstract record EndpointOutcome
{
    private EndpointOutcome()
    {
    }

    public sealed record Saved(WebhookEndpoint Endpoint, string? Secret) : EndpointOutcome;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : EndpointOutcome;

    /// <summary>No such endpoint for this client (another client's ids look the same as missing ones).</summary>
    public sealed record NotFound : EndpointOutcome;

    /// <summary>The endpoint changed under us repeatedly; the caller may try again.</summary>
    public sealed record Conflict : EndpointOutcome;
}
