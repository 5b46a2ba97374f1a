namespace Payments.Functions.Api.Contracts;

/// <summary>A queued recovery job: the endpoint's messages in <c>[since, until)</c> that did not get through will be sent again.</summary>
public sealed record WebhookRecoveryResponse(string EndpointId, DateTimeOffset Since, DateTimeOffset Until, string Status);
