using System.ComponentModel;

namespace Payments.Application.Webhooks.Payloads;

/// <summary>The <c>data</c> of an <c>endpoint.disabled</c> webhook, sent to the client's other endpoints.</summary>
public sealed record EndpointWebhookData(
    string EndpointId,
    string Url,
    [property: Description("gone (the endpoint answered 410) or failing (every delivery failed for 5 days).")] string Reason,
    DateTimeOffset DisabledAt);
