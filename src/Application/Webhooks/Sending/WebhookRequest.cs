namespace Payments.Application.Webhooks.Sending;

/// <summary>One signed POST: the body verbatim and the three Standard Webhooks headers' values.</summary>
public sealed record WebhookRequest(Uri Url, string MessageId, DateTimeOffset Timestamp, string Signature, string Body);
