using System.Diagnostics.Metrics;
using Payments.Application.Consumers;
using Payments.Application.Jobs;
using Payments.Embedded.Jobs;
using Payments.Embedded.Webhooks;
using Payments.EventStore.Contract;

namespace Payments.Functions.Hosting.Telemetry;

/// <summary>
/// The embedded column's gauges: each queue's depth, oldest message age and dead letters, and each log consumer's lag.
/// A scrape or an export reads the last snapshot, refreshed every <see cref="Refresh"/>, so collecting never runs SQL
/// and a scraper polling fast costs nothing extra.
/// </summary>
public sealed class ColumnGauges : BackgroundService
{
    public const string MeterName = "Payments.Embedded";

    public const string JobQueue = "payment-jobs";
    public const string WebhookQueue = "webhooks";

    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    private readonly SqlitePaymentJobQueue _jobs;
    private readonly SqliteWebhookQueue _webhooks;
    private readonly IReadOnlyList<EventLogSubscription> _subscriptions;
    private readonly IAppendNotifier _log;
    private readonly TimeProvider _time;
    private readonly ILogger<ColumnGauges> _logger;
    private volatile Snapshot _snapshot = new([], []);

    public ColumnGauges(
        IMeterFactory meters,
        SqlitePaymentJobQueue jobs,
        SqliteWebhookQueue webhooks,
        IEnumerable<EventLogSubscription> subscriptions,
        IAppendNotifier log,
        TimeProvider time,
        ILogger<ColumnGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _jobs = jobs;
        _webhooks = webhooks;
        _subscriptions = [.. subscriptions];
        _log = log;
        _time = time;
        _logger = logger;

        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("payments.queue.depth", () => Queues(m => m.Depth), "{job}", "Messages waiting in the queue (visible, delayed or leased)");
        meter.CreateObservableGauge("payments.queue.oldest_age", () => Queues(m => m.OldestAge.TotalSeconds), "s", "Age of the oldest message in the queue");
        meter.CreateObservableGauge("payments.queue.dead_letters", () => Queues(m => m.DeadLetters), "{job}", "Messages the queue dead-lettered");
        meter.CreateObservableGauge("payments.consumer.lag", () => Consumers(l => l.OldestUnprocessedAge.TotalSeconds), "s", "Age of the oldest event the consumer has not processed; 0 when caught up");
        meter.CreateObservableGauge("payments.consumer.behind", () => Consumers(l => l.Behind), "{event}", "Events between the consumer's checkpoint and the head of the log");
    }

    /// <summary>Takes a snapshot now (the service does every <see cref="Refresh"/>).</summary>
    public async Task Measure(CancellationToken cancellationToken)
    {
        var jobs = await _jobs.Measure(cancellationToken).ConfigureAwait(false);
        var webhooks = await _webhooks.Measure(cancellationToken).ConfigureAwait(false);
        var head = _log.LastCommittedPosition;
        var lags = new List<ConsumerLag>(_subscriptions.Count);
        foreach (var subscription in _subscriptions)
        {
            lags.Add(await subscription.Measure(head, cancellationToken).ConfigureAwait(false));
        }

        _snapshot = new Snapshot([(JobQueue, jobs), (WebhookQueue, webhooks)], lags);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh, _time);
        do
        {
            try
            {
                await Measure(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                HostLog.GaugesFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private IEnumerable<Measurement<T>> Queues<T>(Func<QueueMeasure, T> figure)
        where T : struct =>
        _snapshot.Queues.Select(q => new Measurement<T>(figure(q.Measure), new KeyValuePair<string, object?>("queue", q.Name)));

    private IEnumerable<Measurement<T>> Consumers<T>(Func<ConsumerLag, T> figure)
        where T : struct =>
        _snapshot.Consumers.Select(l => new Measurement<T>(figure(l), new KeyValuePair<string, object?>("consumer", l.Consumer)));

    private sealed record Snapshot(IReadOnlyList<(string Name, QueueMeasure Measure)> Queues, IReadOnlyList<ConsumerLag> Consumers);
}
