using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Payments.EventStore.Telemetry;

/// <summary>
/// The event stores' spans and instruments, one source and one meter for every backend (tag <c>store</c>): a span per
/// append (the caller's wait, durability included, with the size of the commit that carried it), each commit's latency
/// and how many events it carried.
/// </summary>
public static class EventStoreTelemetry
{
    public const string Name = "Payments.EventStore";

    public const string AppendSpan = "payments.store.append";

    /// <summary>The span attribute naming how many events the commit that made an append durable carried.</summary>
    public const string BatchSizeTag = "payments.store.batch_size";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Histogram<double> AppendDuration = Meter.CreateHistogram<double>(
        "payments.store.append.duration", "s", "Time one commit of the event store took");
    private static readonly Histogram<long> BatchSize = Meter.CreateHistogram<long>(
        "payments.store.append.batch_size", "{event}", "Events committed together in one commit");

    /// <summary>A span around one caller's append; null (nothing allocated) when no listener traces the store.</summary>
    public static Activity? StartAppend(string store, string stream, int events)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(AppendSpan, ActivityKind.Client);
        activity?.SetTag("db.system.name", store);
        activity?.SetTag("payments.stream", stream);
        activity?.SetTag("payments.store.events", events);
        return activity;
    }

    public static void RecordCommit(string store, TimeSpan duration, long events)
    {
        var tag = new KeyValuePair<string, object?>("store", store);
        AppendDuration.Record(duration.TotalSeconds, tag);
        BatchSize.Record(events, tag);
    }
}
