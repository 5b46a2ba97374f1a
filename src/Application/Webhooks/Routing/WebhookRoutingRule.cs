namespace Payments.Application.Webhooks.Routing;

/// <summary>An EventBridge rule as data: its name and event pattern (EventBridge's pattern JSON, verbatim).</summary>
public sealed record WebhookRoutingRule(string Name, string Description, string EventPattern);
