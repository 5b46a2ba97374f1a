
namespace Payments.Functions.Hosting;

/// <summary>The background parts of the embedded system (projector, worker, webhooks), wired in one place.</summary>
internal static class EmbeddedServices
{
    public static void Add(IServiceCollection services, ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
    }
}
