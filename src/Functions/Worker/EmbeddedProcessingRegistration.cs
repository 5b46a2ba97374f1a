using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Domain.Ramps;
using Payments.EventStore.Contract;
using Payments.Functions.Jobs;
using Payments.Functions.Jobs.Dispatch;
using Payments.Functions.Jobs.Embedded;
using Payments.Functions.Ledger;
using Payments.Functions.Ramps;

namespace Payments.Functions.Worker;

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
            Path.Combine(Path.GetFullPath(options.DataDirectory), SqlitePaymentJobQueue.FileName),
            sp.GetRequiredService<TimeProvider>(),
            new EmbeddedQueueOptions { MaxReceives = options.Worker.MaxReceives }));
        services.TryAddSingleton<IPaymentJobQueue>(sp => sp.GetRequiredService<SqlitePaymentJobQueue>());
        services.TryAddSingleton<IJobOutbox>(sp => sp.GetRequiredService<SqlitePaymentJobQueue>());

        services.AddSingleton(sp => RampTransactionLog.Open(
            Path.Combine(Path.GetFullPath(options.DataDirectory), RampTransactionLog.FileName), sp.GetRequiredService<TimeProvider>()));
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
