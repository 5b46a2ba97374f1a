using Payments.EventStore.Contract;
using Payments.Projections.ReadModel;
using Payments.Embedded.Projections;


namespace Payments.Functions.Hosting;

public static class EmbeddedProjectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite payments read model at <paramref name="readModelPath"/> as
    /// <see cref="IPaymentReadModel"/> and the hosted tailer that keeps it current. The host must
    /// already register the embedded event store as <see cref="IEventStore"/> and <see cref="IAppendNotifier"/>.
    /// </summary>
    public static IServiceCollection AddEmbeddedPaymentProjection(this IServiceCollection services, string readModelPath)
    {
        services.AddSingleton(_ => SqlitePaymentReadModel.Open(readModelPath));
        services.AddSingleton<IPaymentReadModel>(sp => sp.GetRequiredService<SqlitePaymentReadModel>());
        services.AddSingleton(sp => new EmbeddedPaymentProjection(
            sp.GetRequiredService<IEventStore>(),
            sp.GetRequiredService<SqlitePaymentReadModel>(),
            sp.GetService<ILogger<EmbeddedPaymentProjection>>()));
        services.AddHostedService(sp => new EmbeddedProjectionService(
            sp.GetRequiredService<EmbeddedPaymentProjection>(),
            sp.GetRequiredService<IAppendNotifier>()));
        return services;
    }
}
