using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Delivery;
using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Webhooks.Queue;
using Payments.Application.Webhooks.Replay;
using Payments.Application.Webhooks.Sending;

namespace Payments.Functions.Hosting;

/// <summary>
/// The webhook services both columns share: endpoint registration, replay, fan-out, sending and recovery. Each column
/// registers the ports (endpoint and delivery stores, queue, secret cipher) before calling this.
/// </summary>
public static class WebhookServices
{
    public static IServiceCollection AddWebhookServices(this IServiceCollection services, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IWebhookHostResolver, DnsHostResolver>();
        services.TryAddSingleton(sp => new WebhookAddressPolicy(sp.GetRequiredService<IWebhookHostResolver>(), options.AllowInsecure));
        services.TryAddSingleton<IWebhookTransport>(sp => new HttpWebhookTransport(
            sp.GetRequiredService<WebhookAddressPolicy>(), options, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(_ => new WebhookRetryPolicy(options, Random.Shared));
        services.TryAddSingleton<EndpointThrottle>();
        services.TryAddSingleton<WebhookEndpointService>();
        services.TryAddSingleton<WebhookReplay>();
        services.TryAddSingleton<WebhookFanOut>();
        services.TryAddSingleton<EndpointHealth>();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<WebhookRecovery>();
        services.TryAddSingleton<IWebhookMessageHandler, WebhookMessageHandler>();
        return services;
    }
}
