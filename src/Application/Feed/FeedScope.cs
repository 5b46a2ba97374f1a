namespace Payments.Application.Feed;

/// <summary>Whose events a feed reader sees: every client's (<see cref="Everything"/>), or one client's payments only.</summary>
public sealed record FeedScope
{
    private FeedScope(string? clientId) => ClientId = clientId;

    public static FeedScope Everything { get; } = new(clientId: null);

    /// <summary>The one client whose payments' events are shown; null for every client.</summary>
    public string? ClientId { get; }

    public static FeedScope OfClient(string clientId) =>
        string.IsNullOrEmpty(clientId) ? throw new ArgumentException("A client scope needs a client id.", nameof(clientId)) : new(clientId);
}
