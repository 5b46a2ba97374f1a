using Payments.Application.Worker;
using Payments.Embedded;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Domain.Ramps;
using Payments.EventStore.Contract;
using Payments.Application.Jobs;
using Payments.Application.Jobs.Dispatch;
using Payments.Embedded.Jobs;
using Payments.Application.Ledger;
using Payments.Embedded.Ramps;

namespace Payments.Functions.Hosting;

public static class EmbeddedProcessingRegistration
{
    /// <summary>
    /// Wires payment processing for the one-process host: the durable SQLite job queue (jobs.db), the log-driven
    /// dispatcher, the mock ramps with their durable idempotency log (ramps.db), the worker, and the two background
    /// services. Expects an <see cref="IEventStore"/> that is also an <see cref="IAppendNotifier"/> (the SQLite store);
    /// ramp providers registered before this call win over the mocks.
    /// </summary>
    public static IServiceCollection AddEmbeddedPaymentProcessing(this IServiceCollection services, EmbeddedProcessingOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RampFailureRate, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.RampFailureRate, 1d);

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PaymentLedger(sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => (IAppendNotifier)sp.GetRequiredService<IEventStore>());
        services.AddSingleton(options);
        services.AddSingleton(options.Worker);

        services.AddSingleton(sp => SqlitePaymentJobQueue.Open(
            new DataDirectoryLayout(options.DataDirectory).Jobs,
            sp.GetRequiredService<TimeProvider>(),
            new EmbeddedQueueOptions { MaxReceives = options.Worker.MaxReceives }));
        services.TryAddSingleton<IPaymentJobQueue>(sp => sp.GetRequiredService<SqlitePaymentJobQueue>());
        services.TryAddSingleton<IJobOutbox>(sp => sp.GetRequiredService<SqlitePaymentJobQueue>());
        services.TryAddSingleton<IDeadLetterInbox>(sp => sp.GetRequiredService<SqlitePaymentJobQueue>());

        services.AddSingleton(sp => RampTransactionLog.Open(
            new DataDirectoryLayout(options.DataDirectory).Ramps, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new MockRampProvider(
            sp.GetRequiredService<RampTransactionLog>(),
            new MockRampOptions { FailureRate = options.RampFailureRate, Seed = options.RampSeed },
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IOnRampProvider>(sp => sp.GetRequiredService<MockRampProvider>());
        services.TryAddSingleton<IOffRampProvider>(sp => sp.GetRequiredService<MockRampProvider>());

        services.AddSingleton(sp => new PaymentJobDispatcher(
            sp.GetRequiredService<IEventStore>(),
            sp.GetRequiredService<IAppendNotifier>(),
            sp.GetRequiredService<IJobOutbox>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PaymentJobDispatcher>>()));
        services.AddSingleton<PaymentJobHandler>();
        services.AddSingleton<PaymentJobPump>();
        services.AddSingleton<DeadLetterReaper>();
        services.AddHostedService<JobDispatchService>();
        services.AddHostedService<EmbeddedWorkerService>();
        return services;
    }
}
