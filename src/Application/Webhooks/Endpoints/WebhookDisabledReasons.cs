namespace Payments.Application.Webhooks.Endpoints;

/// <summary>Why an endpoint is disabled, as the API and the <c>endpoint.disabled</c> webhook say it.</summary>
public static class WebhookDisabledReasons
{
    /// <summary>The receiver answered 410 Gone.</summary>
    public const string Gone = "gone";

    /// <summary>Every delivery failed for <see cref="WebhookOptions.DisableAfterFailingFor"/>.</summary>
    public const string Failing = "failing";

    /// <summary>The client disabled it.</summary>
    public const string Client = "client";
}
