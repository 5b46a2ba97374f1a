using System.Text.Json;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Webhooks.Payloads;

namespace Payments.Application.Webhooks.Delivery;

/// <summary>
/// Keeps each endpoint's failure record: when it began failing, clearing that on any success, and disabling it on a
/// 410 or after failing everything for <see cref="WebhookOptions.DisableAfterFailingFor"/>. A disabling is told to the
/// client's other endpoints that want <c>endpoint.disabled</c>.
/// </summary>
public sealed class EndpointHealth(
    WebhookEndpointService endpoints,
    IWebhookEndpointStore store,
    IWebhookDeliveryStore deliveries,
    WebhookFanOut fanOut,
    WebhookOptions options,
    ILogger<EndpointHealth> logger)
{
    public async Task Succeeded(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.FailingSince is not null)
        {
            await endpoints.Change(endpoint.ClientId, endpoint.EndpointId, (e, _) => e with { FailingSince = null }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task Failed(WebhookEndpoint endpoint, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.FailingSince is null)
        {
            await endpoints.Change(endpoint.ClientId, endpoint.EndpointId, (e, _) => e with { FailingSince = e.FailingSince ?? at }, cancellationToken).ConfigureAwait(false);
        }
        else if (at - endpoint.FailingSince.Value >= options.DisableAfterFailingFor)
        {
            await Disable(endpoint, WebhookDisabledReasons.Failing, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task Disable(WebhookEndpoint endpoint, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        // Only the writer that turns the endpoint off tells the others; the change may run again after a conflict.
        var turnedOff = false;
        var outcome = await endpoints.Change(
            endpoint.ClientId,
            endpoint.EndpointId,
            (e, now) =>
            {
                turnedOff = e.Enabled;
                return e.Enabled ? e with { Enabled = false, DisabledReason = reason, DisabledAt = now } : e;
            },
            cancellationToken).ConfigureAwait(false);
        if (!turnedOff || outcome is not EndpointOutcome.Saved { Endpoint: { DisabledAt: { } disabledAt } disabled })
        {
            return;
        }

        WebhookLog.EndpointDisabled(logger, endpoint.EndpointId, endpoint.ClientId, reason);
        await Tell(disabled, disabledAt, cancellationToken).ConfigureAwait(false);
    }

    private async Task Tell(WebhookEndpoint disabled, DateTimeOffset disabledAt, CancellationToken cancellationToken)
    {
        var type = WebhookEventTypes.EndpointDisabled;
        var payload = new WebhookPayload<EndpointWebhookData>(type, disabledAt, new EndpointWebhookData(disabled.EndpointId, disabled.Url, disabled.DisabledReason!, disabledAt));
        var message = await deliveries.AddMessage(
            new WebhookMessage(
                WebhookIds.ForEndpointEvent(disabled.EndpointId, disabledAt, type), disabled.ClientId, type, null, null, disabledAt,
                JsonSerializer.Serialize(payload, WebhookPayloadJsonContext.Default.WebhookPayloadEndpointWebhookData)),
            cancellationToken).ConfigureAwait(false);
        var others = (await store.ListFor(disabled.ClientId, cancellationToken).ConfigureAwait(false))
            .Where(e => e.Enabled && e.EndpointId != disabled.EndpointId && e.Wants(type));
        await fanOut.Queue(message, others, cancellationToken).ConfigureAwait(false);
    }
}
