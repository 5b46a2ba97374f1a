using System.Text.Json.Serialization;

namespace Payments.EventStore.Contract;

/// <summary>
/// Who caused an event and in which conversation: lets an auditor trace a fact to its request. <paramref name="Traceparent"/>
/// and <paramref name="Tracestate"/> are the W3C trace context of the span that wrote the event, so whoever reacts to it
/// (job dispatch, webhook fan-out) continues the same trace. They are left out of the stored text when absent, so events
/// written before they existed still read and (scheme 1 re-serialises parsed metadata) still hash the same.
/// </summary>
public sealed record EventMetadata(
    string CorrelationId,
    string? CausationId,
    string Actor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Traceparent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Tracestate = null)
{
    /// <summary>The same metadata, carrying the trace context of the current span (nothing when no span is recording).</summary>
    public EventMetadata InCurrentTrace() =>
        TraceContext.Current() is { } trace ? this with { Traceparent = trace.Traceparent, Tracestate = trace.Tracestate } : this;
}
