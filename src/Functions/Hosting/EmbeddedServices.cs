using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Application.Consumers;
using Payments.Application.Jobs;
using Payments.Application.Jobs.Dispatch;
using Payments.Application.Ledger;
using Payments.Application.Sweeping;
using Payments.Application.Worker;
using Payments.Domain.Ramps;
using Payments.Embedded;
using Payments.Embedded.Consumers;
using Payments.Embedded.EventStore;
using Payments.Embedded.Jobs;
using Payments.Embedded.Projections;
using Payments.Application.Ramps.Sandbox;
using Payments.Embedded.Ramps;
using Payments.EventStore.Contract;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Hosting;

/// <summary>
/// The embedded column, composed in one place and in the order a payment travels: the ledger, the read model and its
/// projection, the job queue and the job dispatch, the mock ramps, the worker, and the background services that run
/// the log consumers and the worker. Ramp providers registered before this call win over the mocks.
/// </summary>
public static class EmbeddedServices
{
    public static IServiceCollection AddEmbeddedColumn(this IServiceCollection services, ServeOptions options, bool reclaimLeasesOnStart)
    {
        ArgumentNullException.ThrowIfNull(options);
        var files = new DataDirectoryLayout(options.DataDirectory);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(files);
        services.AddSingleton(options.Worker);

        // The ledger: every write goes through it, into one SQLite file.
        services.AddSingleton(sp => SqliteEventStore.Open(files.Events, Time(sp)));
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<SqliteEventStore>());
        services.AddSingleton<IAppendNotifier>(sp => sp.GetRequiredService<SqliteEventStore>());
        services.AddSingleton<PaymentLedger>();

        // The payments read model, kept current by the projection consumer (checkpoint in the same file).
        services.AddSingleton(_ => SqlitePaymentReadModel.Open(files.ReadModel));
        services.TryAddSingleton<IPaymentReadModel>(sp => sp.GetRequiredService<SqlitePaymentReadModel>());
        services.AddKeyedSingleton(PaymentProjectionConsumer.ConsumerName, (sp, _) => SqliteConsumerStore.Open(files.ReadModel, Time(sp)));
        services.AddSingleton(sp => Subscription(
            sp,
            new PaymentProjectionConsumer(new PaymentProjector(sp.GetRequiredService<IEventStore>()), sp.GetRequiredService<SqlitePaymentReadModel>()),
            PaymentProjectionConsumer.Policy));

        // The job queue, fed by the job dispatch consumer (checkpoint in jobs.db).
        services.AddSingleton(sp => SqlitePaymentJobQueue.Open(files.Jobs, Time(sp), new EmbeddedQueueOptions { MaxReceives = options.Worker.MaxReceives }));
        services.TryAddSingleton<IPaymentJobQueue>(sp => sp.GetRequiredService<SqlitePaymentJobQueue>());
        services.TryAddSingleton<IJobOutbox>(sp => sp.GetRequiredService<SqlitePaymentJobQueue>());
        services.TryAddSingleton<IJobRequeue>(sp => sp.GetRequiredService<SqlitePaymentJobQueue>());
        services.AddKeyedSingleton(PaymentJobDispatch.ConsumerName, (sp, _) => SqliteConsumerStore.Open(files.Jobs, Time(sp)));
        services.AddSingleton(sp => Subscription(sp, new PaymentJobDispatch(sp.GetRequiredService<IJobOutbox>()), PaymentJobDispatch.Policy));

        // The mock on- and off-ramps with their durable idempotency memory.
        services.AddSingleton(sp => RampTransactionLog.Open(files.Ramps, Time(sp)));
        services.AddSingleton(sp => new MockRampProvider(sp.GetRequiredService<RampTransactionLog>(), options.Ramps, Time(sp), sp.GetService<RampFaultScript>()));
        services.TryAddSingleton<IOnRampProvider>(sp => sp.GetRequiredService<MockRampProvider>());
        services.TryAddSingleton<IOffRampProvider>(sp => sp.GetRequiredService<MockRampProvider>());

        // The worker: the payment process behind the queue, and the sweeper that re-queues payments that stopped moving.
        services.AddSingleton<PaymentJobHandler>();
        services.AddSingleton<PaymentJobPump>();
        services.AddSingleton(options.Sweeper);
        services.TryAddSingleton<IStalledPaymentIndex>(sp => sp.GetRequiredService<SqlitePaymentReadModel>());
        services.AddSingleton<StalledPaymentSweeper>();

        services.AddHostedService<EventLogSubscriptionsService>();
        services.AddHostedService(sp => new EmbeddedWorkerService(
            sp.GetRequiredService<PaymentJobPump>(),
            sp.GetRequiredService<StalledPaymentSweeper>(),
            sp.GetRequiredService<SqlitePaymentJobQueue>(),
            options.Worker,
            reclaimLeasesOnStart,
            sp.GetRequiredService<ILogger<EmbeddedWorkerService>>()));
        return services;
    }

    private static EventLogSubscription Subscription(IServiceProvider sp, IEventConsumer consumer, PoisonPolicy policy)
    {
        var store = sp.GetRequiredKeyedService<SqliteConsumerStore>(consumer.Name);
        return new EventLogSubscription(
            consumer, sp.GetRequiredService<SqliteEventStore>(), store, store, policy, Time(sp), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Payments.Consumers." + consumer.Name));
    }

    private static TimeProvider Time(IServiceProvider sp) => sp.GetRequiredService<TimeProvider>();
}
