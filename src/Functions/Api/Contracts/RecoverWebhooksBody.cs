namespace Payments.Functions.Api.Contracts;

/// <summary>POST /webhook-endpoints/{id}/recover body: the window (RFC 3339 times) whose undelivered messages are sent again; <c>until</c> defaults to now.</summary>
public sealed record RecoverWebhooksBody(DateTimeOffset? Since, DateTimeOffset? Until);
