using System.Diagnostics;
using Payments.EventStore.Contract;
using Payments.EventStore.Serialization;

namespace Payments.EventStore.Tests.Integrity;

public sealed class MetadataTraceContextTests
{
    /// <summary>The stored form of metadata before trace context existed; scheme 1 hashes re-serialise to exactly this.</summary>
    private const string UntracedText = """{"correlation_id":"c-1","causation_id":null,"actor":"worker"}""";

    [Fact]
    public void Metadata_without_trace_context_serialises_exactly_as_before_so_scheme_one_hashes_still_verify()
    {
        Assert.Equal(UntracedText, MetadataJson.Serialize(new EventMetadata("c-1", null, "worker")));
        Assert.Equal(new EventMetadata("c-1", null, "worker"), MetadataJson.Deserialize(UntracedText));
    }

    [Fact]
    public void Traceparent_and_tracestate_round_trip_through_the_stored_text()
    {
        var traced = new EventMetadata("c-1", "m-1", "worker", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "congo=t61rcWkgMzE");

        var text = MetadataJson.Serialize(traced);

        Assert.Contains("\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"", text, StringComparison.Ordinal);
        Assert.Equal(traced, MetadataJson.Deserialize(text));
    }

    [Fact]
    public void In_current_trace_takes_the_recording_span_and_nothing_without_one()
    {
        var metadata = new EventMetadata("c-1", null, "worker");
        Assert.Same(metadata, metadata.InCurrentTrace());

        using var source = new ActivitySource("Payments.Tests.Metadata");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var span = source.StartActivity("test")!;
        span.TraceStateString = "k=v";

        var traced = metadata.InCurrentTrace();

        Assert.Equal(span.Id, traced.Traceparent);
        Assert.Equal("k=v", traced.Tracestate);
        var parent = TraceContext.Parent(traced.Traceparent, traced.Tracestate);
        Assert.Equal(span.TraceId, parent.TraceId);
        Assert.Equal(span.SpanId, parent.SpanId);
    }

    [Fact]
    public void A_malformed_traceparent_starts_a_new_trace_instead_of_failing()
    {
        Assert.Equal(default, TraceContext.Parent("not-a-traceparent", null));
        Assert.Equal(default, TraceContext.Parent(null, null));
    }
}
