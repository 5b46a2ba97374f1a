using BenchmarkDotNet.Attributes;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;

namespace Payments.Bench.Micro;

/// <summary>
/// The store hashes each event as it appends and an auditor recomputes the chain per stream. A payment
/// stream has five events; 100 shows how the cost grows per event once the fixed cost is amortised.
/// </summary>
[MemoryDiagnoser]
public class HashChainBenchmarks
{
    private StoredEvent[] _stream = [];

    [Params(5, 100)]
    public int ChainLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Longer chains repeat the sandwich's payloads: hashing cost depends on the bytes, not on the
        // order of payment states, and Verify checks only versions, stream and hashes.
        var payloads = SandwichHistory.Completed().Select(PaymentEventCodec.Encode).ToArray();
        var streamId = StreamId.For(SandwichHistory.PaymentId);
        var metadata = new EventMetadata("3f1c2b7e9a4d4e0f8b6a5c4d3e2f1a0b", "c8e1d2f3a4b5468790a1b2c3d4e5f607", "worker");
        var occurredAt = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        var previous = EventHashChain.Genesis;
        _stream = new StoredEvent[ChainLength];
        for (var i = 0; i < ChainLength; i++)
        {
            var payload = payloads[i % payloads.Length];
            var version = i + 1L;
            occurredAt = occurredAt.AddMilliseconds(187);
            var hash = EventHashChain.ComputeCanonical(previous, streamId, version, payload.Type, payload.SchemaVersion, occurredAt, payload.Data, metadata);
            _stream[i] = new StoredEvent(streamId, version, 40_000 + i, payload.Type, payload.SchemaVersion, occurredAt, payload.Data, metadata, hash);
            previous = hash;
        }

        // A broken chain would stop Verify at the first event and measure nothing.
        if (!EventHashChain.Verify(_stream).IsIntact)
        {
            throw new InvalidOperationException("Benchmark stream does not verify.");
        }
    }

    /// <summary>The hashing the store does while appending the stream, one event after another.</summary>
    [Benchmark]
    public string ComputeChain()
    {
        var previous = EventHashChain.Genesis;
        foreach (var e in _stream)
        {
            previous = EventHashChain.Compute(previous, e);
        }

        return previous;
    }

    [Benchmark]
    public HashChainVerdict VerifyChain() => EventHashChain.Verify(_stream);
}
