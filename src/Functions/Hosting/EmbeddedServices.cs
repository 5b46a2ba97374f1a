using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Application.Audit;
using Payments.Application.Consumers;
using Payments.Application.Jobs;
using Payments.Application.Jobs.Dispatch;
using Payments.Application.Ledger;
using Payments.Application.Operations;
using Payments.Application.Reconciliation;
using Payments.Application.Sweeping;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Delivery;
using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Webhooks.Queue;
using Payments.Application.Webhooks.Replay;
using Payments.Application.Webhooks.Routing;
using Payments.Application.Worker;
using Payments.Domain.Ramps;
using Payments.Embedded;
using Payments.Embedded.Audit;
using Payments.Embedded.Consumers;
using Payments.Embedded.EventStore;
using Payments.Embedded.Jobs;
using Payments.Embedded.Projections;
using Payments.Application.Ramps.Sandbox;
using Payments.Embedded.Ramps;
using Payments.Embedded.Webhooks;
using Payments.EventStore.Contract;
using Payments.Functions.Api.Feed;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Hosting;

/// <summary>
/// The embedded column, composed in one place and in the order a payment travels: the ledger, the read model and its
/// projection, the job queue and the job dispatch, the mock ramps, the worker, the webhook router and sender, and the
/// background services that run the log consumers, the worker and the sender. Ramp providers (and a webhook host
/// resolver) registered before this call win over the defaults.
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
        services.AddSingleton<IEventReader>(sp => sp.GetRequiredService<SqliteEventStore>());
        services.AddSingleton<IEventLog>(sp => sp.GetRequiredService<SqliteEventStore>());
        services.AddSingleton<PaymentLedger>();

        // The ordered feed (GET /events): the single writer's positions are the global order.
        services.AddEventFeed();

        // The payments read model, kept current by the projection consumer (checkpoint in the same file).
        services.AddSingleton(_ => SqlitePaymentReadModel.Open(files.ReadModel));
        services.TryAddSingleton<IPaymentReadModel>(sp => sp.GetRequiredService<SqlitePaymentReadModel>());
        services.TryAddSingleton<IPaymentSearch>(sp => sp.GetRequiredService<SqlitePaymentReadModel>());
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

        // Reconciliation: the ledger against the mock providers' statements, for the payments the read model says were requested in a period.
        services.TryAddSingleton<IRampStatements>(sp => sp.GetRequiredService<MockRampProvider>());
        services.TryAddSingleton<IRequestedPaymentIndex>(sp => sp.GetRequiredService<SqlitePaymentReadModel>());
        services.TryAddSingleton(new ReconciliationOptions());
        services.TryAddSingleton<PaymentReconciler>();

        // The worker: the payment process behind the queue, and the sweeper that re-queues payments that stopped moving.
        services.AddSingleton<PaymentJobHandler>();
        services.AddSingleton<PaymentJobPump>();
        services.AddSingleton(options.Sweeper);
        services.TryAddSingleton<IStalledPaymentIndex>(sp => sp.GetRequiredService<SqlitePaymentReadModel>());
        services.AddSingleton<StalledPaymentSweeper>();

        AddWebhooks(services, options, files, reclaimLeasesOnStart);
        AddAudit(services, options, files);

        // The operator's fixes: parked events of the consumers above, and the two queues' dead letters.
        services.AddSingleton(sp => new OperatorRecovery(
            sp.GetServices<EventLogSubscription>(),
            sp.GetRequiredService<SqlitePaymentJobQueue>(),
            sp.GetRequiredService<SqliteWebhookQueue>(),
            sp.GetRequiredService<IWebhookDeliveryStore>(),
            sp.GetRequiredService<WebhookReplay>()));

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

    /// <summary>
    /// Webhooks: endpoints, messages and attempts in webhooks.db; the webhook queue (and the router's checkpoint) in
    /// webhook-jobs.db; secrets sealed with a key kept outside the data directory.
    /// </summary>
    private static void AddWebhooks(IServiceCollection services, ServeOptions options, DataDirectoryLayout files, bool reclaimLeasesOnStart)
    {
        services.AddSingleton(_ => SqliteWebhookStore.Open(files.Webhooks));
        services.TryAddSingleton<IWebhookEndpointStore>(sp => sp.GetRequiredService<SqliteWebhookStore>());
        services.TryAddSingleton<IWebhookDeliveryStore>(sp => sp.GetRequiredService<SqliteWebhookStore>());
        services.AddSingleton(sp => SqliteWebhookQueue.Open(
            files.WebhookJobs, Time(sp), new EmbeddedWebhookQueueOptions { MaxReceives = options.Webhooks.MaxAttempts }));
        services.TryAddSingleton<IWebhookQueue>(sp => sp.GetRequiredService<SqliteWebhookQueue>());
        services.TryAddSingleton<IWebhookSecretCipher>(_ => KeyFileSecretCipher.OpenOrCreate(
            Path.GetFullPath(options.WebhookKeyFile ?? KeyFileSecretCipher.DefaultKeyPath()), files.Directory));
        services.AddWebhookServices(options.Webhooks);
        services.AddSingleton<WebhookPump>();

        services.AddKeyedSingleton(StatusEventRouter.ConsumerName, (sp, _) => SqliteConsumerStore.Open(files.WebhookJobs, Time(sp)));
        services.AddSingleton(sp => Subscription(sp, new StatusEventRouter(sp.GetRequiredService<IWebhookQueue>()), StatusEventRouter.Policy));
        services.AddHostedService(sp => new EmbeddedWebhookService(
            sp.GetRequiredService<WebhookPump>(),
            sp.GetRequiredService<SqliteWebhookQueue>(),
            options.WebhookSenders,
            reclaimLeasesOnStart,
            sp.GetRequiredService<ILogger<EmbeddedWebhookService>>()));
    }

    /// <summary>
    /// The verifiable log: a consumer of the ordered log builds the Merkle tree in audit.db (its checkpoint beside it),
    /// and checkpoints are signed with a key kept outside the data directory, periodically and on demand.
    /// </summary>
    private static void AddAudit(IServiceCollection services, ServeOptions options, DataDirectoryLayout files)
    {
        services.AddSingleton(_ => SqliteAuditLog.Open(files.Audit));
        services.TryAddSingleton<IAuditLogStore>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.TryAddSingleton<ICheckpointSigner>(_ => KeyFileCheckpointSigner.OpenOrCreate(
            Path.GetFullPath(options.AuditKeyFile ?? KeyFileCheckpointSigner.DefaultKeyPath()), files.Directory));
        services.AddSingleton(sp => new AuditCheckpointer(sp.GetRequiredService<IAuditLogStore>(), sp.GetRequiredService<ICheckpointSigner>(), Time(sp)));
        services.AddSingleton(sp => new AuditTrail(sp.GetRequiredService<IAuditLogStore>(), sp.GetRequiredService<SqliteEventStore>(), sp.GetRequiredService<AuditCheckpointer>()));
        services.AddKeyedSingleton(AuditLogBuilder.ConsumerName, (sp, _) => SqliteConsumerStore.Open(files.Audit, Time(sp)));
        services.AddSingleton(sp => Subscription(sp, new AuditLogBuilder(sp.GetRequiredService<IAuditLogStore>()), AuditLogBuilder.Policy));
        services.AddHostedService(sp => new AuditCheckpointService(
            sp.GetRequiredService<AuditCheckpointer>(), options.Audit, Time(sp), sp.GetRequiredService<ILogger<AuditCheckpointService>>()));
    }

    private static EventLogSubscription Subscription(IServiceProvider sp, IEventConsumer consumer, PoisonPolicy policy)
    {
        var store = sp.GetRequiredKeyedService<SqliteConsumerStore>(consumer.Name);
        return new EventLogSubscription(
            consumer, sp.GetRequiredService<SqliteEventStore>(), store, store, policy, Time(sp), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Payments.Consumers." + consumer.Name));
    }

    private static TimeProvider Time(IServiceProvider sp) => sp.GetRequiredService<TimeProvider>();
}
