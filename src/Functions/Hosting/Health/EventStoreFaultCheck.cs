using Microsoft.Extensions.Diagnostics.HealthChecks;
using Payments.Embedded.EventStore;

namespace Payments.Functions.Hosting.Health;

/// <summary>Ready only while the event store takes appends: once it has faulted (fail-stop), it names the fault.</summary>
public sealed class EventStoreFaultCheck(SqliteEventStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Fault is { } fault
            ? HealthCheckResult.Unhealthy($"event store faulted, refusing appends until restarted: {fault.Reason}", fault)
            : HealthCheckResult.Healthy("event store takes appends"));
}
