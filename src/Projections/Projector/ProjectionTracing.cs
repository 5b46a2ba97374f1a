using System.Diagnostics;
using Payments.EventStore.Contract;

namespace Payments.Projections.Projector;

/// <summary>
/// One span per page the projector applies. A page holds events of many payments, so it cannot sit in any one
/// payment's trace; it links to each traced event's context instead (OpenTelemetry's shape for batch consumers).
/// </summary>
public static class ProjectionTracing
{
    public const string SourceName = "Payments.Projections";

    public const string ApplySpan = "payments.projection.apply";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartPage(IReadOnlyList<StoredEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!Source.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>(events.Count);
        foreach (var e in events)
        {
            if (TraceContext.Parent(e.Metadata.Traceparent, e.Metadata.Tracestate) is { TraceId: var id } parent && id != default)
            {
                links.Add(new ActivityLink(parent));
            }
        }

        var activity = Source.StartActivity(ApplySpan, ActivityKind.Consumer, parentContext: default, links: links);
        activity?.SetTag("payments.projection.events", events.Count);
        return activity;
    }
}
