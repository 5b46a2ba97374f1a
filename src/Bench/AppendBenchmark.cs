using System.Diagnostics;
using Payments.Domain.Events;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;

namespace Payments.Bench;

/// <summary>
/// W writers append one PaymentRequested-sized event each to fresh streams, as fast as the store
/// lets them, for a fixed time. Backend-neutral so SQLite and DynamoDB are measured the same way.
/// </summary>
internal static class AppendBenchmark
{
    public static async Task<AppendBenchmarkResult> Run(IEventStore store, int writers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var sample = SampleEvent();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        stop.CancelAfter(duration);
        var perWriter = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => Writer(store, sample, stop.Token), CancellationToken.None)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var latencies = perWriter.SelectMany(l => l).Order().ToArray();
        return new AppendBenchmarkResult(writers, latencies.Length, elapsed, LatencySummary.Percentile(latencies, 0.50), LatencySummary.Percentile(latencies, 0.99));
    }

    private static async Task<List<double>> Writer(IEventStore store, NewEvent sample, CancellationToken stop)
    {
        var latencies = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            var begin = Stopwatch.GetTimestamp();
            await store.Append(StreamId.For(Guid.NewGuid()), ExpectedVersion.NoStream, [sample], null, CancellationToken.None).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
        }

        return latencies;
    }

    /// <summary>A PaymentRequested as the API would append it: what every writer appends and the raw reference inserts.</summary>
    public static NewEvent SampleEvent()
    {
        var requested = new PaymentEvent.PaymentRequested(
            Guid.NewGuid(), "bench", "bench-key-0001", new string('f', 64), 1_234.56m, "EUR", "DE89370400440532013000", "MX-CLABE-032180000118359719", DateTimeOffset.UtcNow);
        var encoded = PaymentEventCodec.Encode(requested);
        return new NewEvent(encoded.Type, encoded.SchemaVersion, encoded.Data, new EventMetadata(Guid.NewGuid().ToString("N"), null, "bench"));
    }
}
