using Payments.Embedded;

namespace Payments.Functions.Hosting;

/// <summary>The background parts of the embedded system (projector, worker, webhooks), wired in one place.</summary>
internal static class EmbeddedServices
{
    public static void Add(IServiceCollection services, ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddEmbeddedPaymentProjection(new DataDirectoryLayout(settings.DataDirectory).ReadModel);
        services.AddEmbeddedPaymentProcessing(new EmbeddedProcessingOptions
        {
            DataDirectory = settings.DataDirectory,
            RampFailureRate = settings.RampFailureRate,
            RampSeed = settings.RampSeed,
            ReclaimLeasesOnStart = settings.OwnsDataDirectory,
        });
    }
}
