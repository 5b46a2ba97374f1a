using System.Diagnostics;

namespace Payments.EventStore.Contract;

/// <summary>
/// A W3C trace context as it travels in stored metadata and queue messages: the <c>traceparent</c> and, when the trace
/// has one, the <c>tracestate</c>. Only a recording span is carried; a process that traces nothing writes nothing.
/// </summary>
public readonly record struct TraceContext(string Traceparent, string? Tracestate)
{
    /// <summary>The current span's context, or null when there is none or it is not recorded (tracing off).</summary>
    public static TraceContext? Current() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Recorded: true } activity && activity.Id is { } id
            ? new TraceContext(id, activity.TraceStateString)
            : null;

    /// <summary>The parent context a consumer of a message continues; default (a new root) when the text is absent or malformed.</summary>
    public static ActivityContext Parent(string? traceparent, string? tracestate) =>
        traceparent is not null && ActivityContext.TryParse(traceparent, tracestate, isRemote: true, out var parent) ? parent : default;
}
