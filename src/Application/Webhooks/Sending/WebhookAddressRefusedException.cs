namespace Payments.Application.Webhooks.Sending;

/// <summary>A send was stopped before connecting: the endpoint's host resolved to an address webhooks may not reach.</summary>
public sealed class WebhookAddressRefusedException : Exception
{
    public WebhookAddressRefusedException(string message)
        : base(message)
    {
    }

    public WebhookAddressRefusedException()
    {
    }

    public WebhookAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
