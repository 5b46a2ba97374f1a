using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Payments.Application.Consumers;
using Payments.EventStore.Contract;

namespace Payments.Functions.Hosting.Health;

/// <summary>
/// Ready only while every log consumer keeps up: none stalled, none with parked events, and none leaving an event
/// unprocessed for longer than <see cref="ReadinessOptions.MaxConsumerLag"/>. The lag figures go out as the check's data.
/// </summary>
public sealed class ConsumerLagCheck(IEnumerable<EventLogSubscription> subscriptions, IAppendNotifier log, ReadinessOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var head = log.LastCommittedPosition;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var subscription in subscriptions)
        {
            var lag = await subscription.Measure(head, cancellationToken).ConfigureAwait(false);
            data[lag.Consumer] = Describe(lag);
            if (lag.Stalled is { } stalled)
            {
                problems.Add(stalled);
            }

            if (lag.Parked > 0)
            {
                problems.Add($"{lag.Consumer} parked {lag.Parked} events");
            }

            if (lag.OldestUnprocessedAge > options.MaxConsumerLag)
            {
                problems.Add($"{lag.Consumer} is {lag.Behind} events behind, the oldest waiting {lag.OldestUnprocessedAge.TotalSeconds:F1} s");
            }
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("every log consumer is keeping up", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", problems), data: data);
    }

    private static string Describe(ConsumerLag lag) => string.Create(
        CultureInfo.InvariantCulture,
        $"checkpoint {lag.Checkpoint} of {lag.Head}, {lag.Behind} behind, oldest waiting {lag.OldestUnprocessedAge.TotalMilliseconds:F0} ms, {lag.Parked} parked");
}
